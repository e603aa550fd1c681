using Serilog.Core;
using Serilog.Events;

namespace Shipgate.Pipeline.Logging;

/// <summary>
/// Gives the console template a <c>TargetPrefix</c> ("Compile | ") when the event carries a <c>Target</c>
/// property, so lines outside any target have no empty brackets. It works on a copy: the other sinks
/// share the event and must not see a console-only property.
/// </summary>
internal sealed class TargetPrefixSink(ILogEventSink console) : ILogEventSink, IDisposable
{
    public const string TargetProperty = "Target";
    public const string PrefixProperty = "TargetPrefix";

    public void Emit(LogEvent logEvent)
    {
        if (logEvent.Properties.TryGetValue(TargetProperty, out var target) && target is ScalarValue { Value: { } name })
        {
            var properties = logEvent.Properties
                .Select(p => new LogEventProperty(p.Key, p.Value))
                .Append(new LogEventProperty(PrefixProperty, new ScalarValue($"{name} | ")));
            logEvent = new LogEvent(
                logEvent.Timestamp, logEvent.Level, logEvent.Exception, logEvent.MessageTemplate, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default);
        }

        console.Emit(logEvent);
    }

    public void Dispose() => (console as IDisposable)?.Dispose();
}
