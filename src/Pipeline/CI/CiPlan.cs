namespace Shipgate.Pipeline.CI;

/// <summary>A declaration checked against the build's targets: what every generator renders.</summary>
public sealed record CiPlan(CiPipeline Pipeline, IReadOnlyList<CiJob> Jobs)
{
    public CiJob Job(string id) => Jobs.Single(job => job.Id == id);
}

/// <summary>One stage with its effective predecessors and, for a gated deploy, the approval it waits for.</summary>
public sealed record CiJob(CiStage Stage, IReadOnlyList<string> Needs, CiApproval? Approval)
{
    public string Id => Stage.Id;
}

/// <summary>A manual approval before a deploy: the environment and who may approve (users or groups).</summary>
public sealed record CiApproval(string Environment, IReadOnlyList<string> Approvers, IReadOnlyList<string> Targets);
