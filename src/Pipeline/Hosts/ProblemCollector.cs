using Serilog.Core;
using Serilog.Events;

namespace Shipgate.Pipeline.Hosts;

/// <summary>
/// Keeps the build's warnings and errors (masked) so hosts without an annotation API can list them
/// at the top of the job summary.
/// </summary>
internal sealed class ProblemCollector(Func<string, string> mask) : ILogEventSink
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_problems)
                return [.. _problems];
        }
    }

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level < LogEventLevel.Warning)
            return;
        var line = $"{(logEvent.Level >= LogEventLevel.Error ? "error" : "warning")}: {mask(logEvent.RenderMessage())}";
        lock (_problems)
            _problems.Add(line);
    }

    /// <summary>The summary with the problems listed first.</summary>
    public string Prepend(string markdown) =>
        Problems is { Count: > 0 } problems
            ? $"### Warnings and errors\n\n{string.Join('\n', problems.Select(p => $"- {p.Replace("\n", " ", StringComparison.Ordinal)}"))}\n\n{markdown}"
            : markdown;
}
