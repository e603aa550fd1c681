namespace Shipgate.Pipeline.Tooling;

/// <summary>
/// The last lines of each output stream of a tool, for a failure message. Standard output and standard error
/// arrive on two pipes that are read concurrently, so the order of lines across them is not knowable; the
/// tail keeps the streams apart, each in its own order, and so comes out the same however the reads interleaved.
/// </summary>
/// <param name="StandardOutput">The last lines of standard output, oldest first.</param>
/// <param name="StandardError">The last lines of standard error, oldest first.</param>
public sealed record OutputTail(IReadOnlyList<string> StandardOutput, IReadOnlyList<string> StandardError)
{
    public static OutputTail Empty { get; } = new([], []);

    /// <summary>Standard output's lines, then standard error's.</summary>
    public IReadOnlyList<string> Lines => [.. StandardOutput, .. StandardError];

    /// <summary>The last <paramref name="count"/> lines of each stream of <paramref name="output"/>, each passed through <paramref name="transform"/> (masking).</summary>
    public static OutputTail Of(IEnumerable<OutputLine> output, int count, Func<string, string> transform)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(transform);
        var lines = output.ToList();
        List<string> Last(OutputStream stream) =>
            [.. lines.Where(line => line.Stream == stream).TakeLast(Math.Max(count, 0)).Select(line => transform(line.Text))];
        return new OutputTail(Last(OutputStream.StandardOutput), Last(OutputStream.StandardError));
    }

    /// <summary>For the failure message: <c>". Last lines of standard output:\n  …\nLast lines of standard error:\n  …"</c>, or <c>" (no output)"</c>.</summary>
    public string Describe()
    {
        if (StandardOutput.Count == 0 && StandardError.Count == 0)
            return " (no output)";
        var sections = new List<string>();
        if (StandardOutput.Count > 0)
            sections.Add("Last lines of standard output:" + string.Concat(StandardOutput.Select(line => "\n  " + line)));
        if (StandardError.Count > 0)
            sections.Add("Last lines of standard error:" + string.Concat(StandardError.Select(line => "\n  " + line)));
        return ". " + string.Join('\n', sections);
    }
}
