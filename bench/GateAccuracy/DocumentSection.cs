namespace Shipgate.Bench.GateAccuracy;

/// <summary>Replaces one "## " section of a Markdown file, leaving the other sections as they are.</summary>
public static class DocumentSection
{
    public static void Replace(string path, string heading, string section)
    {
        var text = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n\n";
        var start = text.IndexOf(heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            File.WriteAllText(path, text.TrimEnd('\n') + "\n\n" + section);
            return;
        }

        var next = text.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        var rest = next < 0 ? "" : text[(next + 1)..];
        File.WriteAllText(path, text[..start] + section + (rest.Length > 0 ? "\n" + rest : ""));
    }

    /// <summary>
    /// Replaces one "### " subsection (up to the next "### " or "## " heading) inside the "## " section
    /// <paramref name="parent"/>, or adds it at the end of that section; the rest of the file stays as it is.
    /// </summary>
    public static void ReplaceSubsection(string path, string parent, string heading, string subsection)
    {
        var text = File.ReadAllText(path);
        var parentStart = text.IndexOf(parent + "\n", StringComparison.Ordinal);
        if (parentStart < 0)
            throw new InvalidOperationException($"{path} has no '{parent}' section");
        var parentEnd = text.IndexOf("\n## ", parentStart + parent.Length, StringComparison.Ordinal) is var e and >= 0 ? e + 1 : text.Length;
        var start = text.IndexOf(heading + "\n", parentStart, StringComparison.Ordinal);
        if (start < 0 || start >= parentEnd)
        {
            var before = text[..parentEnd].TrimEnd('\n');
            File.WriteAllText(path, before + "\n\n" + subsection.TrimEnd('\n') + "\n" + (parentEnd < text.Length ? "\n" + text[parentEnd..] : ""));
            return;
        }

        var end = Math.Min(parentEnd, NextHeading(text, start + heading.Length));
        File.WriteAllText(path, text[..start] + subsection.TrimEnd('\n') + "\n" + (end < text.Length ? "\n" + text[end..] : ""));
    }

    private static int NextHeading(string text, int from)
    {
        var next = text.IndexOf("\n### ", from, StringComparison.Ordinal);
        return next < 0 ? text.Length : next + 1;
    }
}
