namespace Shipgate.Pipeline.Hosts;

/// <summary>Where a build comes from, as the release ledger records it. Any part may be unknown (null).</summary>
/// <param name="Host">The host's name (Terminal, GitHubActions, GitLab, Jenkins).</param>
/// <param name="Commit">The full commit SHA being built.</param>
/// <param name="Branch">The branch (or tag) name.</param>
/// <param name="PipelineUrl">The run, pipeline or build page.</param>
/// <param name="Actor">Who started the run (the CI user), or the local user.</param>
public sealed record CiMetadata(string Host, string? Commit, string? Branch, string? PipelineUrl, string? Actor)
{
    internal static string? Get(IReadOnlyDictionary<string, string> variables, params string[] names) =>
        names.Select(name => variables.GetValueOrDefault(name)).FirstOrDefault(value => !string.IsNullOrWhiteSpace(value));
}
