using Shipgate.Core.Secrets;

namespace Shipgate.Pipeline.Logging;

/// <summary>
/// Stands in for an exception whose text revealed a secret: <see cref="Exception.Message"/>, <see cref="StackTrace"/>
/// and <see cref="ToString"/> are the original's with secrets masked. The original is deliberately not
/// kept as <see cref="Exception.InnerException"/>, which sinks would print.
/// </summary>
public sealed class MaskedException : Exception
{
    private readonly string _text;
    private readonly string? _stackTrace;

    public MaskedException(Exception original, SecretMasker masker)
        : base(MaskedMessage(original, masker))
    {
        _text = masker.Mask(original.ToString());
        _stackTrace = original.StackTrace is { } trace ? masker.Mask(trace) : null;
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
    }

    public MaskedException()
    {
        _text = base.ToString();
        OriginalType = nameof(Exception);
    }

    public MaskedException(string message)
        : base(message)
    {
        _text = base.ToString();
        OriginalType = nameof(Exception);
    }

    public MaskedException(string message, Exception innerException)
        : base(message, innerException)
    {
        _text = base.ToString();
        OriginalType = nameof(Exception);
    }

    /// <summary>The full name of the exception type this replaces.</summary>
    public string OriginalType { get; }

    public override string? StackTrace => _stackTrace;

    /// <summary>The original exception masked, or the original itself when it reveals nothing.</summary>
    public static Exception MaskIfNeeded(Exception exception, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(masker);
        return masker.Reveals(exception.ToString()) ? new MaskedException(exception, masker) : exception;
    }

    public override string ToString() => _text;

    // Runs before the constructor body, so the argument checks live here.
    private static string MaskedMessage(Exception original, SecretMasker masker)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(masker);
        return masker.Mask(original.Message);
    }
}
