namespace Shipgate.LocalStack.Load;

/// <summary>
/// When each request of a linear ramp is due. With r(t) = R0 + (R1 − R0)·t/T the number sent by t is
/// N(t) = R0·t + (R1 − R0)·t²/(2T); request k goes out when N(t) = k.
/// </summary>
public static class RampSchedule
{
    public static IEnumerable<TimeSpan> SendTimes(double startRate, double endRate, TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var count = (int)Math.Floor((startRate + endRate) / 2 * seconds);
        var a = (endRate - startRate) / (2 * seconds);
        for (var k = 0; k < count; k++)
        {
            yield return TimeSpan.FromSeconds(Solve(a, startRate, k));
        }
    }

    /// <summary>The root of a·t² + b·t = k with t ≥ 0, in the form that stays exact when a is 0 or tiny.</summary>
    private static double Solve(double a, double b, int k)
    {
        if (k == 0)
        {
            return 0;
        }

        return 2.0 * k / (b + Math.Sqrt((b * b) + (4 * a * k)));
    }
}
