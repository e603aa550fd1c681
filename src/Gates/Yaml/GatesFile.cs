using Shipgate.Core.Yaml;
using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;
using Shipgate.Gates.Statistics;
using Shipgate.Gates.Statistics.Sequential;
using Shipgate.Gates.Templates;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Gates.Yaml;

/// <summary>
/// Reads gates.yaml (schema: deploy/gates.schema.json) into the same specs the C# API builds.
/// Every problem is a <see cref="GatesFileException"/> naming file, line and column; unknown keys and
/// unknown template variables are errors.
/// </summary>
public static class GatesFile
{
    private static readonly Dictionary<string, DriftMetricKind> DriftMethods = new(StringComparer.Ordinal)
    {
        ["psi"] = DriftMetricKind.Psi,
        ["ks"] = DriftMetricKind.KolmogorovSmirnov,
        ["js"] = DriftMetricKind.JensenShannon,
        ["wasserstein"] = DriftMetricKind.Wasserstein,
    };

    private static readonly Dictionary<string, RegressionDirection> Directions = new(StringComparer.Ordinal)
    {
        ["increase"] = RegressionDirection.Increase,
        ["decrease"] = RegressionDirection.Decrease,
        ["either"] = RegressionDirection.Either,
    };

    private static readonly Dictionary<string, EffectSizeMeasure> EffectSizes = new(StringComparer.Ordinal)
    {
        ["meanRatio"] = EffectSizeMeasure.MeanRatio,
        ["medianRatio"] = EffectSizeMeasure.MedianRatio,
    };

    /// <summary>Reads a gates file. <paramref name="extraVariables"/> are the <c>--set</c> names its templates may use besides the built-in ones.</summary>
    public static GatesDocument Load(string path, IEnumerable<string>? extraVariables = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new GatesFileException(path, 0, 0, $"cannot read the gates file: {e.Message}");
        }

        return Parse(text, path, extraVariables);
    }

    public static GatesDocument Parse(string text, string source, IEnumerable<string>? extraVariables = null)
    {
        try
        {
            return Read(text, source, extraVariables);
        }
        catch (YamlFileException e) when (e is not GatesFileException)
        {
            // The shared reader reports positions; callers of the gates file catch one exception type.
            throw new GatesFileException(e.File, e.Line, e.Column, e.Problem);
        }
    }

    private static GatesDocument Read(string text, string source, IEnumerable<string>? extraVariables)
    {
        var known = QueryTemplate.BuiltInVariables.Concat(extraVariables ?? []).ToHashSet(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new GatesFileException(source, e.Start.Line, e.Start.Column, $"not valid YAML: {e.InnerException?.Message ?? e.Message}");
        }

        if (stream.Documents.Count != 1)
            throw new GatesFileException(source, 1, 1, stream.Documents.Count == 0 ? "the file is empty" : "expected one YAML document");

        var root = new YamlMap(source, stream.Documents[0].RootNode, "the gates file");
        var policy = root.Choice("inconclusivePolicy", InconclusivePolicyNames.ByName) ?? InconclusivePolicy.Rollback;
        var defaults = root.Optional("defaults") is { } defaultsNode ? new YamlMap(source, defaultsNode, "'defaults'") : null;
        var scrapeSelector = root.Template("scrapeSelector", known) ?? Selectors.Release;
        var sequential = root.Optional("sequential") is { } sequentialNode ? new YamlMap(source, sequentialNode, "'sequential'") : null;
        var gatesValue = root.Required("gates");
        root.RejectUnknownKeys();
        root.ThrowIfMissing();
        var gatesNode = gatesValue as YamlSequenceNode ?? throw root.Error(gatesValue, "'gates' must be a list");

        var (falseRollbackRate, missedRegressionRate) = ReadSequentialBudget(sequential);
        var common = defaults is null ? CommonSettings.Empty : CommonSettings.Read(defaults);
        defaults?.RejectUnknownKeys();
        if (defaults is not null && SpecRules.WindowProblem(common.Window) is { } windowProblem)
            throw defaults.Error(defaults.Optional("window")!, $"'defaults': {windowProblem}");
        if (gatesNode.Children.Count == 0)
            throw root.Error(gatesNode, "'gates' is empty: a release needs at least one gate");

        var gates = new List<GateSpec>();
        foreach (var node in gatesNode.Children)
        {
            var gate = ReadGate(new YamlMap(source, node, "a gate"), common, known);
            if (gates.Any(g => string.Equals(g.Name, gate.Name, StringComparison.Ordinal)))
                throw root.Error(node, $"a gate named '{gate.Name}' is already defined");
            gates.Add(gate);
        }

        var budgeted = SequentialGate.ApplyBudget(gates, falseRollbackRate, missedRegressionRate);
        return new GatesDocument(source, policy, common.Window, budgeted) { ScrapeSelector = scrapeSelector };
    }

    private static GateSpec ReadGate(YamlMap map, CommonSettings defaults, IReadOnlyCollection<string> known)
    {
        var name = map.Has("name") ? map.RequiredString("name") : throw map.Error(map.Node, "a gate needs 'name'");
        var kindNode = map.Has("kind") ? map.Required("kind") : throw map.Error(map.Node, $"gate '{name}' needs 'kind'");
        var kind = map.RequiredString("kind");
        var what = $"gate '{name}'";
        map = new YamlMap(map.File, map.Node, what);
        map.Has("name");
        map.Has("kind");

        GateSpec gate = kind switch
        {
            "threshold" => Gate.Threshold(name, map.RequiredTemplate("query", known), map.Number("min"), map.Number("max"), map.Template("samples", known)),
            "errorRate" => Gate.ErrorRate(name, map.RequiredString("metric"), map.RequiredNumber("max"),
                map.String("errors") ?? "code=~\"5..\"", map.Template("selector", known) ?? Selectors.Release, ReadProportionComparison(map)),
            "latencyQuantile" => Gate.LatencyQuantile(name, map.RequiredString("metric"), map.RequiredNumber("quantile"), map.RequiredNumber("max"),
                map.Template("selector", known) ?? Selectors.Release),
            "relativeToBaseline" => Gate.RelativeToBaseline(name, map.RequiredTemplate("query", known), map.Number("maxIncreasePercent"),
                map.Number("maxDecreasePercent"), map.Template("samples", known), map.Duration("baselineOffset")),
            "compare" => Gate.Compare(name, map.RequiredTemplate("query", known), map.Duration("step") ?? TimeSpan.FromSeconds(10), ReadMannWhitney(map)),
            "drift" => Gate.Drift(name, map.RequiredString("metric"), ReadDrift(map), map.Template("selector", known) ?? Selectors.Release),
            "alerts" => Gate.NoFiringAlerts(name, ReadAlertLabels(map, known)),
            "sequentialErrorRate" => Gate.SequentialErrorRate(name, map.RequiredString("metric"), ReadSequential(map, 1.0, errorRate: true),
                map.String("errors") ?? "code=~\"5..\"", map.Template("selector", known) ?? Selectors.Release),
            "sequentialLatency" => Gate.SequentialLatency(name, map.RequiredString("metric"), map.RequiredNumber("quantile"), ReadSequential(map, 0.2),
                map.Template("selector", known) ?? Selectors.Release),
            "sequentialDrift" => Gate.SequentialDrift(name, map.RequiredString("metric"), ReadSequential(map, 0.25), map.Template("selector", known) ?? Selectors.Release),
            _ => throw map.Error(kindNode, $"unknown gate kind '{kind}' (known: threshold, errorRate, latencyQuantile, relativeToBaseline, compare, drift, alerts, sequentialErrorRate, sequentialLatency, sequentialDrift)"),
        };

        if (gate is SequentialGate sequentialGate && map.Duration("baselineWindow") is { } baselineWindow)
            gate = sequentialGate with { BaselineWindow = baselineWindow };

        var settings = CommonSettings.Read(map).Over(defaults);
        map.RejectUnknownKeys();
        map.ThrowIfMissing();
        gate = settings.ApplyTo(gate);
        if (SpecRules.Problem(gate) is { } problem)
            throw map.Error(map.Node, $"{what}: {problem}");
        return gate;
    }

    private static MannWhitneyOptions ReadMannWhitney(YamlMap map)
    {
        var o = new MannWhitneyOptions();
        return o with
        {
            Confidence = map.Number("confidence") ?? o.Confidence,
            AllowedIncreaseRatio = map.Number("allowedIncreaseRatio") ?? o.AllowedIncreaseRatio,
            AllowedDecreaseRatio = map.Number("allowedDecreaseRatio") ?? o.AllowedDecreaseRatio,
            Direction = map.Choice("direction", Directions) ?? o.Direction,
            EffectSize = map.Choice("effectSize", EffectSizes) ?? o.EffectSize,
            MinimumSampleSize = map.Integer("minimumSampleSize") ?? o.MinimumSampleSize,
        };
    }

    private static ProportionComparisonOptions? ReadProportionComparison(YamlMap map)
    {
        if (map.Optional("vsBaseline") is not { } node)
            return null;
        var o = new ProportionComparisonOptions();
        if (node is YamlScalarNode { Value: "" or null } or YamlScalarNode { Value: "true" })
            return o;
        var nested = new YamlMap(map.File, node, $"'vsBaseline' of {map.What}");
        o = o with
        {
            Confidence = nested.Number("confidence") ?? o.Confidence,
            AllowedRelativeIncrease = nested.Number("allowedRelativeIncrease") ?? o.AllowedRelativeIncrease,
            AllowedAbsoluteIncrease = nested.Number("allowedAbsoluteIncrease") ?? o.AllowedAbsoluteIncrease,
            MinimumRequestsPerVersion = nested.Number("minimumRequestsPerVersion") ?? o.MinimumRequestsPerVersion,
        };
        nested.RejectUnknownKeys();
        return o;
    }

    /// <summary>The release's budgets for its sequential gates (top-level 'sequential'): α over all of them, β for each.</summary>
    private static (double FalseRollbackRate, double MissedRegressionRate) ReadSequentialBudget(YamlMap? map)
    {
        var defaults = new SequentialOptions();
        if (map is null)
            return (defaults.FalseRollbackRate, defaults.MissedRegressionRate);
        var budget = (map.Number("falseRollbackRate") ?? defaults.FalseRollbackRate, map.Number("missedRegressionRate") ?? defaults.MissedRegressionRate);
        map.RejectUnknownKeys();
        if (!(budget.Item1 is > 0 and < 0.5))
            throw map.Error(map.Optional("falseRollbackRate")!, "'sequential': 'falseRollbackRate' is a probability in (0, 0.5), e.g. 0.01");
        if (!(budget.Item2 is > 0 and < 0.5))
            throw map.Error(map.Optional("missedRegressionRate")!, "'sequential': 'missedRegressionRate' is a probability in (0, 0.5), e.g. 0.01");
        return budget;
    }

    private static SequentialOptions ReadSequential(YamlMap map, double defaultEffect, bool errorRate = false)
    {
        var o = new SequentialOptions { MinimumEffect = defaultEffect };
        return o with
        {
            MinimumEffect = map.Number("minimumEffect") ?? o.MinimumEffect,
            MinimumAbsoluteEffect = (errorRate ? map.Number("minimumAbsoluteEffect") : null) ?? o.MinimumAbsoluteEffect,
            MinimumCountPerVersion = map.Number("minimumCountPerVersion") ?? o.MinimumCountPerVersion,
        };
    }

    private static DriftOptions ReadDrift(YamlMap map)
    {
        var o = new DriftOptions();
        return o with
        {
            Metric = map.Choice("method", DriftMethods) ?? o.Metric,
            EffectThreshold = map.Number("effectThreshold") ?? o.EffectThreshold,
            Confidence = map.Number("confidence") ?? o.Confidence,
            MinimumCountPerVersion = map.Number("minimumCountPerVersion") ?? o.MinimumCountPerVersion,
            MinimumExpectedPerBucket = map.Number("minimumExpectedPerBucket") ?? o.MinimumExpectedPerBucket,
        };
    }

    private static Dictionary<string, string>? ReadAlertLabels(YamlMap map, IReadOnlyCollection<string> known)
    {
        if (map.StringMap("labels") is not { } labels)
            return null;
        foreach (var value in labels.Values)
            map.CheckTemplate(map.Required("labels"), value, known);
        return labels.ToDictionary(StringComparer.Ordinal);
    }
}
