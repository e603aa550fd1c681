namespace Shipgate.Pipeline.Approvals;

/// <summary>
/// A granted approval, as the release ledger and the report record it: who approved which target's
/// deploy to which environment, when, and how.
/// </summary>
/// <param name="Target">The target that was approved.</param>
/// <param name="Environment">The environment it deploys to.</param>
/// <param name="ApprovedBy">The approver: the CI user who approved, or the local user.</param>
/// <param name="Method">The mechanism that approved it.</param>
/// <param name="At">When it was approved (UTC).</param>
/// <param name="Note">What backs the identity, e.g. "listed approver" or "not in the approvers list; not enforceable locally".</param>
public sealed record Approval(string Target, string Environment, string ApprovedBy, ApprovalMethod Method, DateTimeOffset At, string Note);
