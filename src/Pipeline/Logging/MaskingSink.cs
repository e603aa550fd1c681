using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;
using Shipgate.Core.Secrets;

namespace Shipgate.Pipeline.Logging;

/// <summary>
/// The one place secrets are masked: every event is rewritten before any sink sees it — the message
/// template text, every property value (scalars, sequences, structures, dictionaries) and the exception
/// (replaced by a <see cref="MaskedException"/>) — then handed to each inner sink.
/// Disposing it disposes the inner sinks.
/// </summary>
public sealed class MaskingSink : ILogEventSink, IDisposable
{
    private static readonly MessageTemplateParser Parser = new();
    private readonly SecretMasker _masker;
    private readonly IReadOnlyList<ILogEventSink> _sinks;

    public MaskingSink(SecretMasker masker, IEnumerable<ILogEventSink> sinks)
    {
        ArgumentNullException.ThrowIfNull(masker);
        ArgumentNullException.ThrowIfNull(sinks);
        _masker = masker;
        _sinks = sinks.ToList();
    }

    public void Emit(LogEvent logEvent)
    {
        var masked = Mask(logEvent);
        foreach (var sink in _sinks)
            sink.Emit(masked);
    }

    public void Dispose()
    {
        foreach (var sink in _sinks)
            (sink as IDisposable)?.Dispose();
    }

    internal LogEvent Mask(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (_masker.Count == 0)
            return logEvent;
        var template = _masker.Reveals(logEvent.MessageTemplate.Text)
            ? Parser.Parse(_masker.Mask(logEvent.MessageTemplate.Text))
            : logEvent.MessageTemplate;
        var exception = logEvent.Exception is null ? null : MaskedException.MaskIfNeeded(logEvent.Exception, _masker);
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, Mask(p.Value))).ToList();
        var masked = Rebuild(logEvent, template, properties, exception);

        // Parts that are harmless alone can spell a secret side by side ("{User}{Suffix}"): then the
        // rendered, masked text becomes the template itself.
        var rendered = RenderLiteral(masked);
        return _masker.Reveals(rendered)
            ? Rebuild(logEvent, Parser.Parse(Escape(_masker.Mask(rendered))), properties, exception)
            : masked;
    }

    // Serilog reads a default trace or span id as "none".
    private static LogEvent Rebuild(LogEvent original, MessageTemplate template, IEnumerable<LogEventProperty> properties, Exception? exception) =>
        new(original.Timestamp, original.Level, exception, template, properties, original.TraceId ?? default, original.SpanId ?? default);

    // As the console's {Message:lj} shows it: strings without quotes, so neighbours touch.
    private static string RenderLiteral(LogEvent logEvent)
    {
        var text = new StringBuilder();
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is not PropertyToken property)
                text.Append(token);
            else if (!logEvent.Properties.TryGetValue(property.PropertyName, out var value))
                text.Append(token);
            else if (value is ScalarValue { Value: string literal })
                text.Append(literal);
            else
                text.Append(value.ToString(null, CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string Escape(string text) =>
        text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    private LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: null } => value,
        ScalarValue scalar => Mask(scalar),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(Mask)),
        StructureValue structure => new StructureValue(
            structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), structure.TypeTag),
        DictionaryValue dictionary => new DictionaryValue(
            dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(Mask(e.Key), Mask(e.Value)))),
        _ => Reveals(value) ? new ScalarValue(_masker.Mask(value.ToString())) : value,
    };

    // Any scalar (a string, a Uri with a token in it, a number that is a PIN) is checked by its text.
    private ScalarValue Mask(ScalarValue scalar)
    {
        var text = Convert.ToString(scalar.Value, CultureInfo.InvariantCulture);
        return text is not null && _masker.Reveals(text) ? new ScalarValue(_masker.Mask(text)) : scalar;
    }

    private bool Reveals(LogEventPropertyValue value) => _masker.Reveals(value.ToString());
}
