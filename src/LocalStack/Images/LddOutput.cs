namespace Shipgate.LocalStack.Images;

/// <summary>Reads <c>ldd</c> output: the shared libraries a binary needs, and the ones the system lacks.</summary>
public static class LddOutput
{
    public sealed record Parsed(IReadOnlyList<string> Resolved, IReadOnlyList<string> Missing);

    public static Parsed Parse(string output)
    {
        var resolved = new List<string>();
        var missing = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("linux-vdso", StringComparison.Ordinal) || line.Contains("statically linked", StringComparison.Ordinal))
            {
                continue;
            }

            // "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)", "libx.so => not found" or "/lib64/ld-linux-x86-64.so.2 (0x...)"
            var arrow = line.IndexOf("=>", StringComparison.Ordinal);
            var target = (arrow >= 0 ? line[(arrow + 2)..] : line).Trim();
            if (target.StartsWith("not found", StringComparison.Ordinal))
            {
                missing.Add(line[..arrow].Trim());
                continue;
            }

            var path = target.Split(' ', 2)[0];
            if (path.StartsWith('/'))
            {
                resolved.Add(path);
            }
        }

        return new Parsed(resolved, missing);
    }
}
