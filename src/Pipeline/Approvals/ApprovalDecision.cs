namespace Shipgate.Pipeline.Approvals;

/// <summary>What <see cref="ApprovalPolicy"/> decided for one target.</summary>
public abstract record ApprovalDecision
{
    private ApprovalDecision()
    {
    }

    /// <summary>Approved already: by the platform's mechanism or by <c>--approve</c>.</summary>
    public sealed record Granted(Approval Approval) : ApprovalDecision;

    /// <summary>Ask the user on the terminal; <see cref="Question"/> names the target, environment and user.</summary>
    public sealed record Ask(string Question, string User) : ApprovalDecision;

    /// <summary>Not approved; <see cref="Reason"/> says what would approve it.</summary>
    public sealed record Refused(string Reason) : ApprovalDecision;
}
