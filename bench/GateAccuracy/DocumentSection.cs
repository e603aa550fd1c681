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
}
