using System.Globalization;
using Shipgate.Core.Text;

namespace Shipgate.Cli;

/// <summary>A duration option's value, checked against its range: a bad one is a usage error naming the option.</summary>
internal static class DurationOption
{
    public static TimeSpan Parse(string text, string option, TimeSpan minimum, TimeSpan maximum, string example)
    {
        TimeSpan value;
        try
        {
            if (!PromDuration.TryParse(text, out value))
                throw new UsageException($"{option}: '{text}' is not a duration such as {example}");
        }
        catch (Exception e) when (e is OverflowException or ArgumentException)
        {
            throw new UsageException($"{option}: '{text}' is out of range: at most {Format(maximum)}");
        }

        if (value < minimum || value > maximum)
            throw new UsageException($"{option}: '{text}' is out of range: from {Format(minimum)} to {Format(maximum)}");
        return value;
    }

    private static string Format(TimeSpan value) => value < TimeSpan.FromSeconds(1)
        ? string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0}ms")
        : PromDuration.Format(value);
}
