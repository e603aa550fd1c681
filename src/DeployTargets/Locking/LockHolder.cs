using System.Globalization;

using Shipgate.DeployTargets.Ledger;

namespace Shipgate.DeployTargets.Locking;

/// <summary>Who holds a deploy lock: a process on a host, identified by pid and the process's start time (against pid reuse).</summary>
public sealed record LockHolder(string Host, int Pid, string ProcessStart, string Token, DateTimeOffset AcquiredAt)
{
    /// <summary>What the holder is doing, as it said when it took the lock (e.g. "release 1.2.3 by ci"); empty when unsaid.</summary>
    public string Purpose { get; init; } = "";

    public ProcessIdentity Process => new(Host, Pid, ProcessStart);

    public const string HostLabel = "io.shipgate.lock.host";
    public const string PidLabel = "io.shipgate.lock.pid";
    public const string ProcessStartLabel = "io.shipgate.lock.process-start";
    public const string TokenLabel = "io.shipgate.lock.token";
    public const string AcquiredAtLabel = "io.shipgate.lock.acquired-at";
    public const string PurposeLabel = "io.shipgate.lock.purpose";

    public Dictionary<string, string> ToLabels()
    {
        var labels = new Dictionary<string, string>
        {
            [HostLabel] = Host,
            [PidLabel] = Pid.ToString(CultureInfo.InvariantCulture),
            [ProcessStartLabel] = ProcessStart,
            [TokenLabel] = Token,
            [AcquiredAtLabel] = AcquiredAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (Purpose.Length > 0) labels[PurposeLabel] = Purpose;
        return labels;
    }

    public static LockHolder? FromLabels(IDictionary<string, string>? labels)
    {
        if (labels is null
            || !labels.TryGetValue(HostLabel, out var host)
            || !labels.TryGetValue(PidLabel, out var pidText) || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid)
            || !labels.TryGetValue(TokenLabel, out var token))
            return null;
        _ = DateTimeOffset.TryParse(labels.Label(AcquiredAtLabel), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at);
        return new LockHolder(host, pid, labels.Label(ProcessStartLabel) ?? "", token, at) { Purpose = labels.Label(PurposeLabel) ?? "" };
    }

    public override string ToString() => $"pid {Pid} on {Host} since {AcquiredAt:O}" + (Purpose.Length > 0 ? $" ({Purpose})" : "");
}
