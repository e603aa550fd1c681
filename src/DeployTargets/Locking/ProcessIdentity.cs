using System.Globalization;

namespace Shipgate.DeployTargets.Locking;

/// <summary>A process on a host, identified by pid and its start time (against pid reuse): a lock holder, a verifier.</summary>
public sealed record ProcessIdentity(string Host, int Pid, string ProcessStart)
{
    /// <summary>This process.</summary>
    public static ProcessIdentity Current { get; } =
        new(ProcessProbe.HostIdentity, Environment.ProcessId, ProcessProbe.StartOf(Environment.ProcessId) ?? "");

    public override string ToString() => $"pid {Pid.ToString(CultureInfo.InvariantCulture)} on {Host}";
}
