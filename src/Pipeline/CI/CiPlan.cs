namespace Shipgate.Pipeline.CI;

/// <summary>A declaration checked against the build's targets: what every generator renders.</summary>
public sealed record CiPlan(CiPipeline Pipeline, IReadOnlyList<CiJob> Jobs)
{
    public CiJob Job(string id) => Jobs.Single(job => job.Id == id);
}

/// <summary>
/// One stage with its effective predecessors and, for a gated deploy, the approval it waits for.
/// <paramref name="Targets"/> are the stage's targets by their declared names; <paramref name="Skips"/> are the targets earlier stages already ran: the job's command skips them
/// instead of running them again (their results arrive as artifacts).
/// </summary>
public sealed record CiJob(CiStage Stage, IReadOnlyList<string> Targets, IReadOnlyList<string> Needs, CiApproval? Approval, IReadOnlyList<string> Skips)
{
    public string Id => Stage.Id;

    /// <summary>The command line every system runs for this job.</summary>
    public string Command => Skips.Count == 0 ? Stage.Command : $"{Stage.Command} --skip {string.Join(' ', Skips)}";
}

/// <summary>A manual approval before a deploy: the environment and who may approve (users or groups).</summary>
public sealed record CiApproval(string Environment, IReadOnlyList<string> Approvers, IReadOnlyList<string> Targets);
