using System.Globalization;

namespace Shipgate.LocalStack.Monitoring;

/// <summary>Prometheus duration literals: 1s, 5m, 250ms.</summary>
internal static class PromDuration
{
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A Prometheus duration cannot be negative.");
        }

        var ms = (long)value.TotalMilliseconds;
        return ms switch
        {
            0 => "0s",
            _ when ms % 3_600_000 == 0 => Invariant($"{ms / 3_600_000}h"),
            _ when ms % 60_000 == 0 => Invariant($"{ms / 60_000}m"),
            _ when ms % 1_000 == 0 => Invariant($"{ms / 1_000}s"),
            _ => Invariant($"{ms}ms"),
        };
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
