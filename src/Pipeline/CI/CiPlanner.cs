using Shipgate.Core.Text;
using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.CI;

/// <summary>
/// Checks a <see cref="CiPipeline"/> against the build's targets and works out each job's predecessors and
/// approval gate. Pure: errors name the pipeline, the stage and the target.
/// </summary>
public static class CiPlanner
{
    /// <param name="pipeline">The declaration.</param>
    /// <param name="targets">The build's targets, by name, with the approvals each requires.</param>
    public static CiPlan Plan(CiPipeline pipeline, IReadOnlyDictionary<string, IReadOnlyList<ApprovalRequirement>> targets)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(targets);
        if (pipeline.Stages.Count == 0)
            throw new CiDeclarationException($"Pipeline '{pipeline.Name}' has no stages.");

        var nodes = targets.Keys.Select(name => new TargetNode(name, [], [], [])).ToList();
        var jobs = new List<CiJob>();
        var problems = new List<string>();
        foreach (var stage in pipeline.Stages)
        {
            var where = $"Pipeline '{pipeline.Name}', stage '{stage.Id}'";
            if (stage.Targets.Count == 0)
                problems.Add($"{where} runs no target.");
            var names = new List<string>();
            foreach (var typed in stage.Targets)
            {
                if (ExecutionPlanner.Match(typed, nodes) is { } name)
                    names.Add(name);
                else
                    problems.Add(Suggestions.Closest(typed, targets.Keys) is { } closest
                        ? $"{where}: unknown target '{typed}'. Did you mean '{closest}'?"
                        : $"{where}: unknown target '{typed}'.");
            }

            foreach (var need in stage.NeedsStages.Where(need => jobs.All(job => job.Id != need)))
                problems.Add($"{where} needs '{need}', which is not a stage declared before it.");

            var needs = stage.NeedsStages.Count > 0 || jobs.Count == 0 ? stage.NeedsStages : [jobs[^1].Id];
            jobs.Add(new CiJob(stage, names, needs, Approval(stage, names, targets, where, problems), UpstreamTargets(needs, jobs, names)));
        }

        return problems.Count > 0 ? throw new CiDeclarationException(string.Join(Environment.NewLine, problems)) : new CiPlan(pipeline, jobs);
    }

    /// <summary>The targets every stage this one (transitively) needs runs, less its own, in stage order.</summary>
    private static List<string> UpstreamTargets(IReadOnlyList<string> needs, List<CiJob> earlier, List<string> own)
    {
        var upstream = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(needs);
        while (pending.TryPop(out var id))
        {
            if (!upstream.Add(id))
                continue;
            foreach (var need in earlier.FirstOrDefault(job => job.Id == id)?.Needs ?? [])
                pending.Push(need);
        }

        return earlier.Where(job => upstream.Contains(job.Id))
            .SelectMany(job => job.Targets)
            .Where(name => !own.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static CiApproval? Approval(
        CiStage stage,
        List<string> targetNames,
        IReadOnlyDictionary<string, IReadOnlyList<ApprovalRequirement>> targets,
        string where,
        List<string> problems)
    {
        var gated = new List<(string Target, ApprovalRequirement Requirement)>();
        foreach (var name in targetNames)
        {
            foreach (var requirement in targets[name])
            {
                if (requirement.AppliesTo(stage.Environment))
                    gated.Add((name, requirement));
                else if (requirement.DeployingTo is null)
                    problems.Add($"{where} runs '{name}', which always requires approval for '{requirement.Environment}', "
                        + $"but the stage does not deploy there; declare .Deploys(\"{requirement.Environment}\") on it.");
            }
        }

        return gated.Count == 0
            ? null
            : new CiApproval(
                stage.Environment!,
                gated.SelectMany(g => g.Requirement.Approvers).Distinct(StringComparer.Ordinal).ToList(),
                gated.Select(g => g.Target).Distinct(StringComparer.Ordinal).ToList());
    }
}
