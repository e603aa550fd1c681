using Serilog.Core;
using Serilog.Events;

namespace Shipgate.Pipeline.Hosts;

/// <summary>Turns warnings and errors into GitHub annotations, titled with the target they came from; text masked.</summary>
internal sealed class GitHubAnnotationSink(TextWriter output, Func<string, string> mask) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Level < LogEventLevel.Warning)
            return;
        var message = logEvent.Exception is { } exception ? $"{logEvent.RenderMessage()}\n{exception.Message}" : logEvent.RenderMessage();
        var title = logEvent.Properties.TryGetValue("Target", out var target) && target is ScalarValue { Value: string name } ? name : null;
        var line = WorkflowCommands.Annotation(logEvent.Level >= LogEventLevel.Error ? "error" : "warning", mask(message), title);
        lock (output)
            output.WriteLine(line);
    }
}
