using Shipgate.Pipeline.Parameters;

namespace Shipgate.Pipeline.Hosts;

/// <summary>Chooses the build host: <c>--host</c> when given, otherwise detected from the environment.</summary>
public static class BuildHosts
{
    public static IReadOnlyList<string> Names { get; } = [TerminalHost.HostName, GitHubActionsHost.HostName, GitLabCiHost.HostName, JenkinsHost.HostName];

    public static IBuildHost Select(string? forced, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var name = forced is null
            ? Detect(environment)
            : Names.FirstOrDefault(known => string.Equals(known, forced, StringComparison.OrdinalIgnoreCase))
              ?? throw new ParameterException($"--host '{forced}' is not a known host; known: {string.Join(", ", Names)}.");
        return name switch
        {
            GitHubActionsHost.HostName => new GitHubActionsHost(environment, Console.Out),
            GitLabCiHost.HostName => new GitLabCiHost(environment, Console.Out),
            JenkinsHost.HostName => new JenkinsHost(environment),
            _ => new TerminalHost(environment),
        };
    }

    /// <summary>Which host the variables describe: each CI system sets a variable of its own.</summary>
    public static string Detect(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        bool Set(string name) => !string.IsNullOrEmpty(environment.GetValueOrDefault(name));
        return string.Equals(environment.GetValueOrDefault("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase) ? GitHubActionsHost.HostName
            : Set("GITLAB_CI") ? GitLabCiHost.HostName
            : Set("JENKINS_URL") || (Set("BUILD_NUMBER") && Set("JENKINS_HOME")) ? JenkinsHost.HostName
            : TerminalHost.HostName;
    }
}
