namespace Shipgate.Pipeline.Tooling;

public enum OutputStream
{
    StandardOutput,
    StandardError,
}

/// <summary>One line a tool wrote.</summary>
public readonly record struct OutputLine(OutputStream Stream, string Text);

/// <summary>
/// How a tool run ended. <see cref="Output"/> is the raw text, secrets included: the caller may need it
/// (a token a tool printed); the log and <see cref="ProcessFailedException"/> get it masked.
/// <see cref="Output"/> holds the lines as they were read: in order within each stream, but the two streams come
/// through two pipes read concurrently, so their relative order is only roughly the order the tool wrote them.
/// </summary>
public sealed record ProcessResult(int ExitCode, IReadOnlyList<OutputLine> Output, TimeSpan Duration)
{
    public string StandardOutput => Join(OutputStream.StandardOutput);

    public string StandardError => Join(OutputStream.StandardError);

    private string Join(OutputStream stream) =>
        string.Join('\n', Output.Where(l => l.Stream == stream).Select(l => l.Text));
}
