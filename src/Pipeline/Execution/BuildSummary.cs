using System.Globalization;
using System.Text;

namespace Shipgate.Pipeline.Execution;

/// <summary>The table at the end of a build: target, status, duration, reason; as text and as Markdown.</summary>
public sealed record BuildSummary(string Text, string Markdown, bool Succeeded)
{
    public static BuildSummary Render(IReadOnlyList<TargetOutcome> outcomes)
    {
        var succeeded = outcomes.All(o => o.Status is TargetStatus.Succeeded or TargetStatus.Skipped);
        var nameWidth = Math.Max(6, outcomes.Select(o => o.Name.Length).DefaultIfEmpty(0).Max()) + 2;
        var total = outcomes.Aggregate(TimeSpan.Zero, (sum, o) => sum + o.Duration);
        var rule = new string('─', nameWidth + 32);

        var text = new StringBuilder().AppendLine().AppendLine(rule)
            .AppendLine(CultureInfo.InvariantCulture, $"{"Target".PadRight(nameWidth)}{"Status",-12}{"Duration",10}");
        var markdown = new StringBuilder().AppendLine("| Target | Status | Duration | Reason |").AppendLine("|---|---|---:|---|");
        text.AppendLine(rule);
        foreach (var outcome in outcomes)
        {
            var reason = outcome.Reason is null ? "" : $"  {outcome.Reason}";
            text.AppendLine(CultureInfo.InvariantCulture, $"{outcome.Name.PadRight(nameWidth)}{outcome.Status,-12}{Format(outcome.Duration),10}{reason}");
            markdown.AppendLine(CultureInfo.InvariantCulture, $"| {outcome.Name} | {outcome.Status} | {Format(outcome.Duration)} | {outcome.Reason?.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        text.AppendLine(rule)
            .AppendLine(CultureInfo.InvariantCulture, $"{"Total".PadRight(nameWidth)}{"",-12}{Format(total),10}")
            .AppendLine(rule)
            .AppendLine(succeeded ? "Build succeeded" : "Build failed");
        return new BuildSummary(text.ToString(), markdown.ToString(), succeeded);
    }

    private static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 ? duration.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : duration.ToString(@"m\:ss\.f", CultureInfo.InvariantCulture);
}
