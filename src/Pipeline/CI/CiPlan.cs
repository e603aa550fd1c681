namespace Shipgate.Pipeline.CI;

/// <summary>A declaration checked against the build's targets: what every generator renders.</summary>
public sealed record CiPlan(CiPipeline Pipeline, IReadOnlyList<CiJob> Jobs, IReadOnlyList<CiJob> Operations)
{
    public CiJob Job(string id) => Jobs.Concat(Operations).Single(job => job.Id == id);

    /// <summary>Every job: the pipeline's, then the operations started by hand.</summary>
    public IEnumerable<CiJob> AllJobs => Jobs.Concat(Operations);
}

/// <summary>
/// One stage with its effective predecessors and, for a gated deploy, the approval it waits for.
/// <paramref name="Targets"/> are the stage's targets by their declared names; <paramref name="Skips"/> are the targets
/// earlier stages already ran: the job's command skips them instead of running them again (their results arrive as
/// artifacts). <paramref name="Runs"/> is what the command then runs, in order; <paramref name="Downloads"/> are the
/// artifacts of every stage upstream (not only the direct needs).
/// </summary>
public sealed record CiJob(
    CiStage Stage,
    IReadOnlyList<string> Targets,
    IReadOnlyList<string> Needs,
    CiApproval? Approval,
    IReadOnlyList<string> Skips,
    CiTrigger Trigger,
    IReadOnlyList<CiArtifact> Downloads,
    IReadOnlyList<string> Runs,
    CiRunner Runner)
{
    public string Id => Stage.Id;

    public bool Deploys => Stage.Environment is not null;

    /// <summary>The command line, with <see cref="CiValue"/> placeholders that each generator renders for its system.</summary>
    public string Command => Skips.Count == 0 ? Stage.Command : $"{Stage.Command} --skip {string.Join(' ', Skips)}";

    /// <summary>The stages this job waits for: its needs and every stage whose artifacts it downloads, in stage order.</summary>
    public IReadOnlyList<string> WaitsFor(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var ids = Needs.Concat(Downloads.Select(download => download.Stage)).ToHashSet(StringComparer.Ordinal);
        return plan.Jobs.Where(job => ids.Contains(job.Id)).Select(job => job.Id).ToList();
    }
}

/// <summary>When a job runs.</summary>
public enum CiTrigger
{
    /// <summary>Every pipeline: pushes and pull requests (untrusted code, no secrets).</summary>
    Always,

    /// <summary>Only pushes to the deploy branch: deploys and every job that gets secrets.</summary>
    DeployBranch,

    /// <summary>Only pull (merge) requests: the rehearsal.</summary>
    PullRequests,

    /// <summary>Only when someone starts it by hand, on the deploy branch (operations).</summary>
    Manual,
}

/// <summary>A path one stage keeps, handed on to every stage downstream under a stable name.</summary>
public sealed record CiArtifact(string Stage, string Path)
{
    public string Name => CiHeader.ArtifactName(Stage, Path);
}

/// <summary>A manual approval before a deploy: the environment and who may approve (users or groups).</summary>
public sealed record CiApproval(string Environment, IReadOnlyList<string> Approvers, IReadOnlyList<string> Targets);

/// <summary>A build's target as the CI planner needs it: its relations and the approvals it requires.</summary>
public sealed record CiTarget(Planning.TargetNode Node, IReadOnlyList<Approvals.ApprovalRequirement> Approvals);
