namespace Shipgate.Gates.Model;

/// <summary>A gate's status with the reason for it.</summary>
public sealed record GateDecision(GateStatus Status, string Reason)
{
    public bool IsFinal => Status != GateStatus.Running;

    public static GateDecision Running { get; } = new(GateStatus.Running, "measuring");
}
