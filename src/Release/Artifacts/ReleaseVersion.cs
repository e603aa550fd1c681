using System.Text.RegularExpressions;

namespace Shipgate.Release.Artifacts;

/// <summary>
/// A release's version: the image tag, the ledger entry and the <c>version</c> label of its metrics. Checked once,
/// here, against the strictest of those rules (a Docker tag; no character that would change a PromQL string).
/// </summary>
public static partial class ReleaseVersion
{
    /// <summary>Null when <paramref name="version"/> is usable, else what is wrong with it (for a parameter error).</summary>
    public static string? Problem(string? version) => version switch
    {
        null or "" => "is empty",
        _ when !Shape().IsMatch(version) => $"'{version}' is not a version: use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 128 characters",
        _ => null,
    };

    /// <summary>
    /// The version when none is given: <c>git describe --tags --always --dirty</c> of the checkout (a tag, or the
    /// short commit, with <c>-dirty</c> for uncommitted changes), else the CI host's commit, shortened.
    /// </summary>
    public static string FromGit(string? describe, string? hostCommit)
    {
        var described = describe?.Trim();
        if (!string.IsNullOrEmpty(described) && Problem(described) is null)
            return described;
        if (!string.IsNullOrEmpty(hostCommit))
            return hostCommit[..Math.Min(12, hostCommit.Length)];
        throw new InvalidOperationException("No --version was given and none can be derived: this is not a git checkout and the CI host names no commit. Give --version.");
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex Shape();
}
