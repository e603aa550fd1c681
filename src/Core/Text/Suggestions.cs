namespace Shipgate.Core.Text;

/// <summary>"Did you mean …?" for every mistyped name: parameters, targets, keys of gates and environments files.</summary>
public static class Suggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="input"/> by edit distance, compared by lower-case letters
    /// and digits (so <c>Tset</c> finds <c>Test</c>, <c>--fault-eror-rate</c> finds <c>fault-error-rate</c>);
    /// null when nothing is close: more than a third of the longer name would have to change.
    /// Ties go to the earlier candidate.
    /// </summary>
    public static string? Closest(string input, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(candidates);
        var key = Normalize(input);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var other = Normalize(candidate);
            var distance = Distance(key, other);
            var allowed = Math.Max(1, Math.Max(key.Length, other.Length) / 3);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Optimal string alignment distance: Levenshtein plus a swap of two neighbours counting as one edit.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
            d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++)
            d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }

        return d[a.Length, b.Length];
    }

    /// <summary>Lower-case letters and digits only: <c>Fault_Error-Rate</c> and <c>faulterrorrate</c> compare equal.</summary>
    public static string Normalize(string name) =>
        new((name ?? throw new ArgumentNullException(nameof(name))).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
}
