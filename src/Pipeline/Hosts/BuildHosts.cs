namespace Shipgate.Pipeline.Hosts;

/// <summary>Chooses the build host: <c>--host</c> when given, otherwise the terminal.</summary>
public static class BuildHosts
{
    public static IBuildHost Select(string? forced, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return forced is null || string.Equals(forced, "Terminal", StringComparison.OrdinalIgnoreCase)
            ? new TerminalHost()
            : throw new Parameters.ParameterException($"--host '{forced}' is not a known host; known: Terminal.");
    }
}
