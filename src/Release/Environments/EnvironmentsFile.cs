using System.Text.RegularExpressions;
using Shipgate.Core.Yaml;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Release.Environments;

/// <summary>
/// Reads <c>deploy/environments.yaml</c>: one entry per environment. Errors name file, line and column; unknown keys
/// are refused with the closest known one. <c>${NAME}</c> in a value is taken from the environment (CI variables),
/// and an unset one is an error naming it. Schema: <c>deploy/environments.schema.json</c>.
/// </summary>
public static partial class EnvironmentsFile
{
    private static readonly Dictionary<string, PlatformKind> Platforms = new(StringComparer.Ordinal)
    {
        ["docker"] = PlatformKind.Docker,
        ["swarm"] = PlatformKind.Swarm,
    };

    private static readonly Dictionary<string, ReleaseStrategy> Strategies = new(StringComparer.Ordinal)
    {
        ["allAtOnce"] = ReleaseStrategy.AllAtOnce,
        ["blueGreen"] = ReleaseStrategy.BlueGreen,
        ["canary"] = ReleaseStrategy.Canary,
    };

    /// <summary>
    /// The environment named <paramref name="name"/>. Only its own <c>${NAME}</c> values are expanded: a CI job that
    /// deploys to staging need not have production's variables.
    /// </summary>
    public static ReleaseEnvironment Load(string path, string name, IReadOnlyDictionary<string, string> variables)
    {
        var (source, entries) = Entries(path);
        return entries.TryGetValue(name, out var entry)
            ? Read(new YamlMap(source, entry, $"environment '{name}'"), name, variables)
            : throw new YamlFileException(source, 0, 0, $"has no environment '{name}' (known: {string.Join(", ", entries.Keys)})");
    }

    /// <summary>Who must approve a deploy to each environment that names approvers (read when the targets are defined).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Approvers(string path)
    {
        var (source, entries) = Entries(path);
        return entries
            .Select(entry => (entry.Key, Approvers: ReadList(new YamlMap(source, entry.Value, $"environment '{entry.Key}'"), "approvers")))
            .Where(entry => entry.Approvers.Count > 0)
            .ToDictionary(entry => entry.Key, entry => entry.Approvers, StringComparer.Ordinal);
    }

    /// <summary>
    /// The environments whose canary steps hold the canary until a release manager approves (<c>pause: {}</c>), with
    /// their approvers (empty: anyone may approve, but someone must): ResumeCanary's approvals, and the CI's resume jobs.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CanaryApprovers(string path)
    {
        var (source, entries) = Entries(path);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (name, node) in entries)
        {
            var map = new YamlMap(source, node, $"environment '{name}'");
            if (map.Optional("canary") is not { } canaryNode) continue;
            var canary = new YamlMap(source, canaryNode, $"'canary' of environment '{name}'");
            if (canary.Optional("steps") is { } steps && CanaryPlan.AwaitsApproval(CanaryStepsFile.Read(canary, steps)))
                result.Add(name, ReadList(map, "approvers"));
        }
        return result;
    }

    /// <summary>Every environment of the file, checked with the given variables (tests and lint).</summary>
    public static IReadOnlyDictionary<string, ReleaseEnvironment> Parse(string text, string source, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Entries(text, source).ToDictionary(
            entry => entry.Key, entry => Read(new YamlMap(source, entry.Value, $"environment '{entry.Key}'"), entry.Key, variables), StringComparer.Ordinal);
    }

    private static (string Source, Dictionary<string, YamlNode> Entries) Entries(string path)
    {
        try
        {
            return (path, Entries(File.ReadAllText(path), path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new YamlFileException(path, 0, 0, $"cannot read the environments file: {e.Message}");
        }
    }

    private static Dictionary<string, YamlNode> Entries(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new YamlFileException(source, e.Start.Line, e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count != 1)
            throw new YamlFileException(source, 1, 1, stream.Documents.Count == 0 ? "the file is empty" : "expected one YAML document");
        var root = new YamlMap(source, stream.Documents[0].RootNode, "the environments file");
        var entries = root.Required("environments");
        root.RejectUnknownKeys();
        root.ThrowIfMissing();
        if (entries is not YamlMappingNode mapping || mapping.Children.Count == 0)
            throw root.Error(entries, "'environments' must map each environment's name to its settings");

        var result = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value!;
            if (!Name().IsMatch(name))
                throw root.Error(key, $"'{name}' is not an environment name: use lower-case letters, digits and '-'");
            result.Add(name, value);
        }

        return result;
    }

    private static ReleaseEnvironment Read(YamlMap map, string name, IReadOnlyDictionary<string, string> variables)
    {
        string? Value(YamlMap from, string key) => from.Optional(key) is { } node ? Expand(from, node, from.Scalar(node, key), variables) : null;

        var environment = new ReleaseEnvironment(name)
        {
            IsLocal = map.Bool("local") ?? false,
            Platform = map.Choice("platform", Platforms),
            Replicas = map.Integer("replicas") ?? 1,
            Port = map.Integer("port"),
            Policy = map.Choice("policy", InconclusivePolicyNames.ByName),
            Strategy = map.Choice("strategy", Strategies),
            Approvers = ReadList(map, "approvers"),
        };
        if (map.Optional("engine") is { } engineNode)
        {
            var engine = new YamlMap(map.File, engineNode, $"'engine' of environment '{name}'");
            environment = environment with { Engine = Uri(engine, engineNode, Value(engine, "endpoint"), "endpoint", ["unix", "tcp"]) };
            if (engine.Optional("tls") is { } tlsNode)
            {
                var tls = new YamlMap(map.File, tlsNode, "'tls' of the engine");
                environment = environment with
                {
                    EngineTls = new EngineTlsFiles(RequiredValue(tls, "ca"), RequiredValue(tls, "cert"), RequiredValue(tls, "key")),
                };
                tls.RejectUnknownKeys();
                tls.ThrowIfMissing();
            }

            engine.RejectUnknownKeys();
        }

        if (map.Optional("registry") is { } registryNode)
        {
            var registry = new YamlMap(map.File, registryNode, $"'registry' of environment '{name}'");
            environment = environment with
            {
                Registry = RequiredValue(registry, "host"),
                RegistryUsername = Value(registry, "username"),
                RegistryPasswordSecret = registry.String("passwordSecret"),
            };
            registry.RejectUnknownKeys();
            registry.ThrowIfMissing();
        }

        if (map.Optional("prometheus") is { } prometheusNode)
        {
            var prometheus = new YamlMap(map.File, prometheusNode, $"'prometheus' of environment '{name}'");
            environment = environment with
            {
                Prometheus = Uri(prometheus, prometheusNode, Value(prometheus, "url"), "url", ["http", "https"]),
                PrometheusTokenSecret = prometheus.String("tokenSecret"),
                PrometheusCa = Value(prometheus, "ca"),
            };
            prometheus.RejectUnknownKeys();
        }

        if (map.Optional("canary") is { } canaryNode)
        {
            var canary = new YamlMap(map.File, canaryNode, $"'canary' of environment '{name}'");
            // Either may be left out: the default steps, compared with the stable release.
            var stepsNode = canary.Optional("steps");
            environment = environment with
            {
                CanarySteps = stepsNode is null ? null : CanaryStepsFile.Read(canary, stepsNode),
                CanaryBaseline = CanaryBaselineOf(canary),
            };
            if (CanaryBaselines.Problem(environment.CanarySteps ?? CanaryPlan.Default, environment.CanaryBaseline) is { } problem)
                throw canary.Error(stepsNode ?? canaryNode, $"environment '{name}': canary {problem}");
            canary.RejectUnknownKeys();
            if (stepsNode is null && !canary.Has("baseline"))
                throw canary.Error(canaryNode, $"environment '{name}': 'canary' needs 'steps' or 'baseline'");
            canary.ThrowIfMissing();
        }

        if (map.Optional("router") is { } routerNode)
        {
            var router = new YamlMap(map.File, routerNode, $"'router' of environment '{name}'");
            var embedded = router.Bool("embedded") ?? false;
            environment = environment with
            {
                RouterEmbedded = embedded,
                RouterSocket = embedded ? router.String("socket") : RequiredValue(router, "socket"),
                RouterBackend = router.String("backend"),
            };
            router.RejectUnknownKeys();
            router.ThrowIfMissing();
            if (embedded && environment.RouterSocket is not null)
                throw router.Error(routerNode, $"environment '{name}': 'router' is either 'embedded: true' (Shipgate's own HAProxy) or a 'socket' (one that runs), not both");
            if (embedded && !environment.IsLocal)
                throw router.Error(routerNode, $"environment '{name}': 'embedded: true' needs 'local: true' (Up starts the embedded router on this machine); name the router's 'socket' instead");
        }

        map.RejectUnknownKeys();
        if (environment.Strategy is not null && !environment.HasRouter)
            throw map.Error(map.Node, $"environment '{name}': 'strategy' needs 'router' (the HAProxy runtime socket in front of the service)");
        if ((environment.CanarySteps is not null || environment.CanaryBaseline != CanaryBaseline.Stable) && !environment.HasRouter)
            throw map.Error(map.Node, $"environment '{name}': 'canary' needs 'router' (the canary's share of the traffic is the router's weights)");
        if (environment.Replicas < 1)
            throw map.Error(map.Node, $"environment '{name}': 'replicas' must be at least 1");
        if (environment.Port is < 1 or > 65535)
            throw map.Error(map.Node, $"environment '{name}': 'port' must be between 1 and 65535");
        if (!environment.IsLocal && environment.Engine is null)
            throw map.Error(map.Node, $"environment '{name}' needs 'engine' (where its Docker engine is), or 'local: true' for the embedded stack");
        return environment;

        string RequiredValue(YamlMap from, string key) => Expand(from, from.Required(key), from.RequiredString(key), variables);
    }

    private static Uri? Uri(YamlMap map, YamlNode node, string? text, string key, string[] schemes)
    {
        if (text is null)
            return null;
        return System.Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            ? uri
            : throw map.Error(node, $"'{key}' must be an absolute {string.Join(" or ", schemes.Select(s => s + "://"))} address, not '{text}'");
    }

    private static IReadOnlyList<string> ReadList(YamlMap map, string key) => map.Optional(key) switch
    {
        null => [],
        YamlSequenceNode list => list.Children.Select(item => map.Scalar(item, key)).ToList(),
        var other => [map.Scalar(other, key)],
    };

    /// <summary><c>${NAME}</c> from the environment; an unset variable is an error at the value's position.</summary>
    private static string Expand(YamlMap map, YamlNode node, string text, IReadOnlyDictionary<string, string> variables) =>
        Variable().Replace(text, match => variables.TryGetValue(match.Groups[1].Value, out var value) && value.Length > 0
            ? value
            : throw map.Error(node, $"'{text}' uses ${{{match.Groups[1].Value}}}, which is not set (a CI variable or environment variable)"));

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex Name();

    /// <summary><c>baseline: concurrent</c> (a fresh container of the stable image at the canary's weight) or <c>stable</c> (the default).</summary>
    private static CanaryBaseline CanaryBaselineOf(YamlMap canary)
    {
        if (canary.Optional("baseline") is not { } node) return CanaryBaseline.Stable;
        return CanaryBaselines.Parse(canary.String("baseline")) ?? throw canary.Error(node,
            "'baseline' is 'concurrent' (a fresh container of the stable image at the canary's weight, compared with it) or 'stable' (the stable release serving beside it)");
    }
}
