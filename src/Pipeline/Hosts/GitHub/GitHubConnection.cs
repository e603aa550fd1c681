using Octokit;

namespace Shipgate.Pipeline.Hosts.GitHub;

/// <summary>An Octokit client for the repository the workflow runs in, when a token is present.</summary>
public sealed record GitHubConnection(IGitHubClient Client, string Owner, string Repository)
{
    private static readonly ProductHeaderValue Product = new("Shipgate", "0.1");

    /// <summary>From GITHUB_TOKEN (or GH_TOKEN), GITHUB_REPOSITORY and GITHUB_API_URL; null without a token or repository.</summary>
    public static GitHubConnection? FromEnvironment(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var token = CiMetadata.Get(environment, "GITHUB_TOKEN", "GH_TOKEN");
        var repository = CiMetadata.Get(environment, "GITHUB_REPOSITORY")?.Split('/');
        if (token is null || repository is not [var owner, var name])
            return null;
        var api = new Uri(CiMetadata.Get(environment, "GITHUB_API_URL") ?? "https://api.github.com");
        return Create(api, token, owner, name);
    }

    public static GitHubConnection Create(Uri apiUrl, string token, string owner, string repository) =>
        new(new GitHubClient(Product, apiUrl) { Credentials = new Credentials(token) }, owner, repository);
}
