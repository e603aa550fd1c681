using Shipgate.Core.Yaml;
using Shipgate.DeployTargets.Targets;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Release.Environments;

/// <summary>
/// Reads an environment's canary steps, Argo Rollouts' way: a list in which each item has one key,
/// <c>setWeight: 10</c>, <c>analysis: {}</c> (the release's gates), <c>pause: { duration: 30s }</c> or <c>pause: {}</c>
/// (held until a release manager approves: ResumeCanary, with the environment's approval). Errors name
/// file, line and column of the step; steps that cannot run (<see cref="CanaryPlan.Problem"/>) are refused there too.
/// </summary>
internal static class CanaryStepsFile
{
    private static readonly string[] Kinds = ["setWeight", "analysis", "pause"];

    public static IReadOnlyList<CanaryStep> Read(YamlMap canary, YamlNode stepsNode)
    {
        if (stepsNode is not YamlSequenceNode list || list.Children.Count == 0)
            throw canary.Error(stepsNode, "'steps' must be a list of steps: - setWeight: 10, - analysis: {}, - pause: { duration: 30s }, - pause: {}");
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

    /// <summary><c>pause: { duration: 30s }</c> waits; <c>pause: {}</c> (Argo's indefinite pause) holds the canary until a release manager approves.</summary>
    private static CanaryStep Pause(YamlMap step, YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" })
            return new CanaryStep.PauseUntilApproved();
        var pause = new YamlMap(step.File, node, "'pause' (pause: { duration: 30s }, or pause: {} until a release manager approves)");
        var duration = pause.Duration("duration");
        pause.RejectUnknownKeys();
        return duration is { } d ? new CanaryStep.Pause(d) : new CanaryStep.PauseUntilApproved();
    }
}
