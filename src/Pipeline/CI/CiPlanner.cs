using Shipgate.Core.Text;
using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.CI;

/// <summary>
/// Checks a <see cref="CiPipeline"/> against the build's targets and works out each job's predecessors, approval
/// gate, trigger, downloads and <c>--skip</c> list. Pure: errors name the pipeline, the stage and the target.
/// </summary>
public static class CiPlanner
{
    /// <param name="pipeline">The declaration.</param>
    /// <param name="targets">The build's targets, by name, with the approvals each requires (no relations between them).</param>
    public static CiPlan Plan(CiPipeline pipeline, IReadOnlyDictionary<string, IReadOnlyList<ApprovalRequirement>> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        return Plan(pipeline, targets.Select(target => new CiTarget(new TargetNode(target.Key, [], [], []), target.Value)).ToList());
    }

    /// <param name="pipeline">The declaration.</param>
    /// <param name="targets">The build's targets with their relations (what a job's command really runs) and approvals.</param>
    public static CiPlan Plan(CiPipeline pipeline, IReadOnlyList<CiTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(targets);
        if (pipeline.Stages.Count == 0)
            throw new CiDeclarationException($"Pipeline '{pipeline.Name}' has no stages.");

        var nodes = targets.Select(target => target.Node).ToList();
        var approvals = targets.ToDictionary(target => target.Node.Name, target => target.Approvals, StringComparer.Ordinal);
        var problems = new List<string>();
        var everyJob = Names(pipeline.EveryJobRunsTargets, nodes, $"Pipeline '{pipeline.Name}', EveryJobRuns", problems, required: false);
        var jobs = new List<CiJob>();
        foreach (var stage in pipeline.Stages)
        {
            var where = $"Pipeline '{pipeline.Name}', stage '{stage.Id}'";
            var names = Names(stage.Targets, nodes, where, problems);
            foreach (var need in stage.NeedsStages.Where(need => jobs.All(job => job.Id != need)))
                problems.Add($"{where} needs '{need}', which is not a stage declared before it.");

            var needs = stage.NeedsStages.Count > 0 || jobs.Count == 0 ? stage.NeedsStages : [jobs[^1].Id];
            var trigger = TriggerOf(stage);
            foreach (var need in needs.Select(id => jobs.FirstOrDefault(job => job.Id == id)).OfType<CiJob>().Where(need => !RunsWhenever(need.Trigger, trigger)))
                problems.Add($"{where} ({trigger}) needs '{need.Id}', which runs only {Describe(need.Trigger)}; declare .Needs(...) on a stage that runs whenever it does.");
            var upstream = Upstream(needs, jobs);
            var without = Names(stage.WithoutTargets, nodes, where, problems, required: false);
            jobs.Add(Job(stage, names, needs, trigger, upstream, nodes, everyJob, without, Approval(stage, names, approvals, where, problems), pipeline.Runner));
        }

        var operations = new List<CiJob>();
        foreach (var stage in pipeline.Operations)
        {
            var where = $"Pipeline '{pipeline.Name}', operation '{stage.Id}'";
            var names = Names(stage.Targets, nodes, where, problems);
            if (stage.NeedsStages.Count > 0)
                problems.Add($"{where} is started by hand and needs no stage.");
            var without = Names(stage.WithoutTargets, nodes, where, problems, required: false);
            operations.Add(Job(stage, names, [], CiTrigger.Manual, [], nodes, everyJob, without, Approval(stage, names, approvals, where, problems), pipeline.Runner));
        }

        return problems.Count > 0 ? throw new CiDeclarationException(string.Join(Environment.NewLine, problems)) : new CiPlan(pipeline, jobs, operations);
    }

    private static CiJob Job(
        CiStage stage, List<string> names, IReadOnlyList<string> needs, CiTrigger trigger, List<CiJob> upstream,
        List<TargetNode> nodes, List<string> everyJob, List<string> without, CiApproval? approval, CiRunner runner)
    {
        var skips = Skips(names, upstream, nodes, everyJob, without);
        var runs = names.Count == 0 ? [] : Running(nodes, names, skips);
        var downloads = upstream.SelectMany(job => job.Stage.Artifacts.Select(path => new CiArtifact(job.Id, path))).ToList();
        return new CiJob(stage, names, needs, approval, skips, trigger, downloads, runs, stage.Runner ?? runner);
    }

    /// <summary>The targets a command runs: planned and not skipped, in order.</summary>
    public static IReadOnlyList<string> Running(IReadOnlyList<TargetNode> nodes, IReadOnlyList<string> invoked, IReadOnlyList<string> skips)
    {
        var plan = ExecutionPlanner.Plan(nodes, new PlanRequest(invoked, null, Skip: skips));
        return ExecutionPlanner.SkipStatically(plan, nodes, new Dictionary<string, string>()).Steps
            .Where(step => !step.IsSkipped).Select(step => step.Name).ToList();
    }

    /// <summary>
    /// The targets upstream stages declared (their results arrive as artifacts or were checks that passed) and those the
    /// stage does without, then what only those pulled in (Restore and Compile for Test): skipped, so no job repeats
    /// another's work. Never skipped: the job's own targets; unless the stage does without them, what they trigger (a
    /// release's summary) and what every job runs again on its runner.
    /// </summary>
    private static List<string> Skips(List<string> own, List<CiJob> upstream, List<TargetNode> nodes, List<string> everyJob, List<string> without)
    {
        if (own.Count == 0)
            return [];
        var planned = Running(nodes, own, []);
        var keep = Triggered(own, nodes).Concat(own).Concat(everyJob).ToHashSet(StringComparer.Ordinal);
        var declared = upstream.SelectMany(job => job.Targets).ToHashSet(StringComparer.Ordinal);
        var skipped = planned
            .Where(name => !own.Contains(name) && (without.Contains(name) || (declared.Contains(name) && !keep.Contains(name))))
            .ToHashSet(StringComparer.Ordinal);
        bool changed;
        do
        {
            changed = false;
            foreach (var name in planned.Where(name => !skipped.Contains(name) && !keep.Contains(name)))
            {
                var pullers = nodes.Where(node => planned.Contains(node.Name) && (node.DependsOn.Contains(name) || node.Triggers.Contains(name))).ToList();
                if (pullers.Count > 0 && pullers.All(puller => skipped.Contains(puller.Name)))
                    changed |= skipped.Add(name);
            }
        }
        while (changed);

        return planned.Where(skipped.Contains).ToList();
    }

    private static HashSet<string> Triggered(List<string> own, List<TargetNode> nodes)
    {
        var triggered = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(own);
        while (pending.TryPop(out var name))
            foreach (var next in nodes.FirstOrDefault(node => node.Name == name)?.Triggers ?? [])
                if (triggered.Add(next))
                    pending.Push(next);
        return triggered;
    }

    /// <summary>Every job this one (transitively) needs, in stage order.</summary>
    private static List<CiJob> Upstream(IReadOnlyList<string> needs, List<CiJob> earlier)
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

        return earlier.Where(job => upstream.Contains(job.Id)).ToList();
    }

    private static List<string> Names(IReadOnlyList<string> typed, List<TargetNode> nodes, string where, List<string> problems, bool required = true)
    {
        if (typed.Count == 0 && required)
            problems.Add($"{where} runs no target.");
        var names = new List<string>();
        foreach (var name in typed)
        {
            if (ExecutionPlanner.Match(name, nodes) is { } match)
                names.Add(match);
            else
                problems.Add(Suggestions.Closest(name, nodes.Select(node => node.Name)) is { } closest
                    ? $"{where}: unknown target '{name}'. Did you mean '{closest}'?"
                    : $"{where}: unknown target '{name}'.");
        }

        return names;
    }

    /// <summary>Deploys and every stage with secrets run only on the deploy branch: pull request code never gets them.</summary>
    private static CiTrigger TriggerOf(CiStage stage) =>
        stage.PullRequestsOnly ? CiTrigger.PullRequests
        : stage.Environment is not null || stage.SecretNames.Count > 0 ? CiTrigger.DeployBranch
        : CiTrigger.Always;

    private static bool RunsWhenever(CiTrigger need, CiTrigger job) => need == CiTrigger.Always || need == job;

    private static string Describe(CiTrigger trigger) => trigger switch
    {
        CiTrigger.DeployBranch => "on the deploy branch",
        CiTrigger.PullRequests => "for pull requests",
        CiTrigger.Manual => "by hand",
        _ => "always",
    };

    private static CiApproval? Approval(
        CiStage stage,
        List<string> targetNames,
        Dictionary<string, IReadOnlyList<ApprovalRequirement>> targets,
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
