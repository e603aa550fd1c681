namespace Shipgate.Pipeline.CI;

/// <summary>
/// A value each system provides under its own name, written into a job's command as a shell variable, e.g. the
/// commit as the release's version: <c>$GITHUB_SHA</c>, <c>$CI_COMMIT_SHA</c>, <c>$GIT_COMMIT</c>.
/// </summary>
public sealed record CiValue(string GitHub, string GitLab, string Jenkins)
{
    /// <summary>The full commit id of the pipeline's checkout.</summary>
    public static CiValue CommitSha { get; } = new("$GITHUB_SHA", "$CI_COMMIT_SHA", "$GIT_COMMIT");

    /// <summary>A marker kept in the command text until a generator renders it for its system.</summary>
    internal string Placeholder => $"{{{{ci:{GitHub}}}}}";

    internal static string Render(string command, Func<CiValue, string> pick) =>
        Known.Aggregate(command, (text, value) => text.Replace(value.Placeholder, pick(value), StringComparison.Ordinal));

    private static readonly CiValue[] Known = [CommitSha];
}
