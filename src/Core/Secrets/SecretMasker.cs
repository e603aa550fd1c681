namespace Shipgate.Core.Secrets;

/// <summary>
/// The set of secret values of one build; <see cref="Mask"/> replaces each occurrence with <c>****</c>.
/// Thread-safe: registration swaps an immutable snapshot, masking reads it without locking.
/// </summary>
/// <remarks>
/// Values shorter than <see cref="MinimumLength"/> characters are not masked: replacing every "1" or
/// "ab" in the log would make it unreadable while telling a reader where the value occurs, and a
/// value that short is not a secret worth the name. <see cref="Register"/> returns false for them so
/// the caller can warn. A multi-line value is also registered line by line, because child-process output
/// and many formatters handle one line at a time; its URL-encoded form is registered too, since
/// secrets end up in URLs (<c>https://user:TOKEN@host</c>).
/// </remarks>
public sealed class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Replacement = "****";

    /// <summary>Shorter values are not masked (see remarks).</summary>
    public const int MinimumLength = 4;

    private readonly Lock _lock = new();
    private string[] _secrets = [];

    /// <summary>A masker of <paramref name="secrets"/> (null and too-short values are left out, see remarks).</summary>
    public static SecretMasker Of(params IEnumerable<string?> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var masker = new SecretMasker();
        masker.RegisterAll(secrets.OfType<string>());
        return masker;
    }

    /// <summary>The number of distinct strings being masked (a value and its variants count separately).</summary>
    public int Count => Volatile.Read(ref _secrets).Length;

    /// <summary>Adds a secret; false (and nothing masked) when it is null, empty or shorter than <see cref="MinimumLength"/>.</summary>
    public bool Register(string? secret)
    {
        if (secret is null || secret.Trim().Length < MinimumLength)
            return false;
        var variants = Variants(secret).Where(v => v.Length >= MinimumLength);
        lock (_lock)
        {
            _secrets = _secrets.Union(variants, StringComparer.Ordinal)
                .OrderByDescending(s => s.Length)
                .ThenBy(s => s, StringComparer.Ordinal)
                .ToArray();
        }

        return true;
    }

    /// <summary>Registers each value; returns those too short to be masked.</summary>
    public IReadOnlyList<string> RegisterAll(IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        return secrets.Where(s => !Register(s)).ToList();
    }

    /// <summary>The text with every registered secret replaced by <c>****</c>, the longest first so a secret containing another is masked whole.</summary>
    public string Mask(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var secrets = Volatile.Read(ref _secrets);
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
                text = text.Replace(secret, Replacement, StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>Whether <paramref name="text"/> contains a registered secret.</summary>
    public bool Reveals(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Volatile.Read(ref _secrets).Any(s => text.Contains(s, StringComparison.Ordinal));
    }

    private static IEnumerable<string> Variants(string secret)
    {
        yield return secret;
        yield return secret.Trim();
        foreach (var line in secret.Split('\n'))
            yield return line.TrimEnd('\r').Trim();
        yield return Uri.EscapeDataString(secret);
    }
}
