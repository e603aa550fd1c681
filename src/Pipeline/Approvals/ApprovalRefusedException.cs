namespace Shipgate.Pipeline.Approvals;

/// <summary>A target that requires approval did not get it; nothing has run yet.</summary>
public sealed class ApprovalRefusedException(string message) : Exception(message);
