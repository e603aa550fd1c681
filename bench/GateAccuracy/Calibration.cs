namespace Shipgate.Bench.GateAccuracy;

public static class Calibration
{
    /// <summary>How many of n calibration releases may exceed a limit for a false-failure rate of at most `rate`.</summary>
    public static int Exceedances(int n, double rate) => Math.Min(n - 1, (int)Math.Floor(n * rate));
}
