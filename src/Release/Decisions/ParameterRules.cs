using System.Globalization;
using Shipgate.DeployTargets.Targets;
using Shipgate.LocalStack.Load;
using Shipgate.Release.Artifacts;

namespace Shipgate.Release.Decisions;

/// <summary>
/// What a release parameter's value must be, checked before any target runs (exit 2 naming the parameter) rather
/// than found halfway through a release as "Invalid URI". Each rule returns null for a valid value, else the rule
/// it breaks, in words that can follow "a valid '--name':".
/// </summary>
public static class ParameterRules
{
    public static string? Version(string? version) => version switch
    {
        null => null,
        "" => "a version, not an empty string",
        _ => ReleaseVersion.Problem(version),
    };

    public static string? Port(int? port) => port is null or (>= 1 and <= 65_535) ? null : $"a TCP port, 1..65535, not {port}";

    /// <summary>allAtOnce, blueGreen or canary; whether the environment has a router is checked with the environment.</summary>
    public static string? Strategy(string? strategy) =>
        strategy is null || ReleaseStrategies.Parse(strategy) is { } known && known != ReleaseStrategy.Direct
            ? null
            : $"allAtOnce, blueGreen or canary, not '{strategy}'";

    public static string? Replicas(int? replicas) => replicas is null or (>= 1 and <= 100) ? null : $"1..100 replicas, not {replicas}";

    public static string? LoadRate(double[]? rate) => rate switch
    {
        null => null,
        [var start, var end] when Rate(start) && Rate(end) && start + end > 0 => null,
        [_, _] => $"two rates within 0..{Format(LoadProfile.MaxRate)} requests/s, not both 0 (got {Format(rate)})",
        _ => $"two rates, FROM and TO requests/s (got {rate.Length}: {Format(rate)})",
    };

    public static string? LoadDuration(TimeSpan duration) =>
        duration > TimeSpan.Zero && duration <= LoadProfile.MaxDuration ? null : $"a duration within (0, {LoadProfile.MaxDuration}], not {duration}";

    public static string? DockerHost(Uri? endpoint) => endpoint switch
    {
        null => null,
        { IsAbsoluteUri: false } => $"an absolute endpoint (unix:///path or tcp://host:port), not '{endpoint}'",
        { Scheme: "unix" } when endpoint.AbsolutePath.Length > 1 => null,
        { Scheme: "tcp" } when endpoint.Port > 0 && !string.IsNullOrEmpty(endpoint.Host) => null,
        _ => $"unix:///path/to/docker.sock or tcp://host:port, not '{endpoint}'",
    };

    public static string? PrometheusUrl(Uri? url) =>
        url is null || url is { IsAbsoluteUri: true, Scheme: "http" or "https" } && !string.IsNullOrEmpty(url.Host) ? null : $"an http:// or https:// URL, not '{url}'";

    /// <summary>A registry is host[:port] (as in an image name), not a URL.</summary>
    public static string? Registry(string? registry) =>
        registry is null || Uri.TryCreate("registry://" + registry, UriKind.Absolute, out var parsed) && parsed.Authority.Equals(registry, StringComparison.OrdinalIgnoreCase)
            && !registry.Contains("://", StringComparison.Ordinal)
            ? null
            : $"host or host:port (e.g. registry.example.com:5000), not '{registry}'";

    private static bool Rate(double rate) => double.IsFinite(rate) && rate is >= 0 and <= LoadProfile.MaxRate;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Format(double[] values) => string.Join(" ", values.Select(Format));
}
