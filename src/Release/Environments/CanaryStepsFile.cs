using Shipgate.Core.Yaml;
using Shipgate.DeployTargets.Targets;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Release.Environments;

/// <summary>
/// Reads an environment's canary steps, Argo Rollouts' way: a list in which each item has one key,
/// <c>setWeight: 10</c>, <c>analysis: {}</c> (the release's gates) or <c>pause: { duration: 30s }</c>. Errors name
/// file, line and column of the step; steps that cannot run (<see cref="CanaryPlan.Problem"/>) are refused there too.
/// </summary>
internal static class CanaryStepsFile
{
    private static readonly string[] Kinds = ["setWeight", "analysis", "pause"];

    public static IReadOnlyList<CanaryStep> Read(YamlMap canary, YamlNode stepsNode)
    {
        if (stepsNode is not YamlSequenceNode list || list.Children.Count == 0)
            throw canary.Error(stepsNode, "'steps' must be a list of steps: - setWeight: 10, - analysis: {}, - pause: { duration: 30s }");
        var steps = new List<CanaryStep>();
        foreach (var item in list.Children)
        {
            var step = new YamlMap(canary.File, item, $"canary step {steps.Count + 1}");
            var kinds = Kinds.Where(step.Has).ToList();
            step.RejectUnknownKeys();
            if (kinds.Count != 1)
                throw step.Error(item, $"canary step {steps.Count + 1} must have exactly one of setWeight, analysis, pause");
            steps.Add(kinds[0] switch
            {
                "setWeight" => new CanaryStep.SetWeight(step.RequiredNumber("setWeight")),
                "analysis" => Analysis(step, step.Required("analysis")),
                _ => Pause(step, step.Required("pause")),
            });
            if (CanaryPlan.Problem(steps) is { } problem)
                throw step.Error(item, $"canary {problem}");
        }
        return steps;
    }

    private static CanaryStep.Analysis Analysis(YamlMap step, YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return new CanaryStep.Analysis();
        new YamlMap(step.File, node, "'analysis' (the release's gates file; no settings yet)").RejectUnknownKeys();
        return new CanaryStep.Analysis();
    }

    private static CanaryStep.Pause Pause(YamlMap step, YamlNode node)
    {
        var pause = new YamlMap(step.File, node, "'pause'");
        var duration = pause.Duration("duration");
        pause.RejectUnknownKeys();
        return duration is { } d
            ? new CanaryStep.Pause(d)
            : throw step.Error(node, "'pause' needs a duration (pause: { duration: 30s }); a pause until a release manager approves is not built yet");
    }
}
