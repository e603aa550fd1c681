using System.Globalization;
using System.Text.RegularExpressions;

namespace Shipgate.Core.Text;

/// <summary>
/// The one duration grammar of Shipgate (gates files, environments files, parameters): written the Prometheus way,
/// <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h30m</c>, <c>1d</c>, <c>1w</c>, with decimals allowed (<c>1.5m</c>).
/// </summary>
public static partial class PromDuration
{
    [GeneratedRegex(@"^((?<n>\d+(\.\d+)?)(?<u>ms|s|m|h|d|w))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        var match = Shape().Match(text ?? "");
        if (!match.Success)
            return false;
        for (var i = 0; i < match.Groups["n"].Captures.Count; i++)
        {
            var n = double.Parse(match.Groups["n"].Captures[i].Value, CultureInfo.InvariantCulture);
            value += match.Groups["u"].Captures[i].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                "d" => TimeSpan.FromDays(n),
                _ => TimeSpan.FromDays(7 * n),
            };
        }

        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not a duration (examples: 500ms, 10s, 2m, 1h30m)");

    /// <summary>The shortest Prometheus spelling in one unit: 2m, 90s, 1500ms.</summary>
    public static string Format(TimeSpan value) =>
        value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "A Prometheus duration cannot be negative.")
        : value.Ticks % TimeSpan.TicksPerHour == 0 && value >= TimeSpan.FromHours(1) ? $"{(long)value.TotalHours}h"
        : value.Ticks % TimeSpan.TicksPerMinute == 0 && value >= TimeSpan.FromMinutes(1) ? $"{(long)value.TotalMinutes}m"
        : value.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)value.TotalSeconds}s"
        : $"{(long)value.TotalMilliseconds}ms";
}
