namespace Shipgate.DeployTargets.Locking;

public enum LockState
{
    /// <summary>The holder process is alive: wait or refuse.</summary>
    Held,

    /// <summary>The holder is gone (or its pid now belongs to another process): the lock may be broken.</summary>
    Stale,

    /// <summary>Held from another host; its liveness cannot be checked from here, so it is never broken automatically.</summary>
    HeldElsewhere,

    /// <summary>The lock carries no readable holder (written by something else): treated as stale.</summary>
    Unreadable,
}

/// <summary>Pure: decides whether a lock's holder is gone.</summary>
public static class LockStaleness
{
    /// <param name="holder">the holder read from the lock, or null when unreadable</param>
    /// <param name="localHost">this host's identity</param>
    /// <param name="startOfLiveProcess">the start identity of a live process with that pid, or null when none runs</param>
    public static LockState Judge(LockHolder? holder, string localHost, Func<int, string?> startOfLiveProcess) =>
        JudgeProcess(holder?.Process, localHost, startOfLiveProcess);

    /// <summary>The same judgement for any process the ledger names (e.g. a release's verifier).</summary>
    public static LockState JudgeProcess(ProcessIdentity? process, string localHost, Func<int, string?> startOfLiveProcess)
    {
        if (process is null) return LockState.Unreadable;
        if (!string.Equals(process.Host, localHost, StringComparison.Ordinal)) return LockState.HeldElsewhere;
        var start = startOfLiveProcess(process.Pid);
        if (start is null) return LockState.Stale;
        return process.ProcessStart.Length == 0 || start == process.ProcessStart ? LockState.Held : LockState.Stale;
    }
}
