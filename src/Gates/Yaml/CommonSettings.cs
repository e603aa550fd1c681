using Shipgate.Core.Yaml;
using Shipgate.Gates.Analysis;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Yaml;

/// <summary>The settings every gate kind shares, as read from a gate or from 'defaults' (unset values fall through to the defaults).</summary>
internal sealed record CommonSettings(
    TimeSpan? Interval, int? Count, TimeSpan? Duration, TimeSpan? InitialDelay, TimeSpan? Window,
    int? FailureLimit, int? InconclusiveLimit, int? ConsecutiveErrorLimit, double? MinSamples, bool? DryRun, bool? Critical)
{
    public static CommonSettings Empty { get; } = new(null, null, null, null, null, null, null, null, null, null, null);

    public static CommonSettings Read(YamlMap map) => new(
        map.Duration("interval"), map.Integer("count"), map.Duration("duration"), map.Duration("initialDelay"), map.Duration("window"),
        map.Integer("failureLimit"), map.Integer("inconclusiveLimit"), map.Integer("consecutiveErrorLimit"), map.Number("minSamples"),
        map.Bool("dryRun"), map.Bool("critical"));

    /// <summary>These settings where set, the defaults' elsewhere. A gate's own count or duration replaces both of the defaults'.</summary>
    public CommonSettings Over(CommonSettings defaults)
    {
        var ownLength = Count is not null || Duration is not null;
        return new(
            Interval ?? defaults.Interval,
            ownLength ? Count : defaults.Count,
            ownLength ? Duration : defaults.Duration,
            InitialDelay ?? defaults.InitialDelay,
            // The defaults' window is the document's (the release's), not baked into each gate, so that a
            // window given for the release (shipgate verify --window) reaches every gate without its own.
            Window,
            FailureLimit ?? defaults.FailureLimit,
            InconclusiveLimit ?? defaults.InconclusiveLimit,
            ConsecutiveErrorLimit ?? defaults.ConsecutiveErrorLimit,
            MinSamples ?? defaults.MinSamples,
            DryRun ?? defaults.DryRun,
            Critical ?? defaults.Critical);
    }

    public GateSpec ApplyTo(GateSpec gate)
    {
        var schedule = GateSchedule.Default;
        var hasLength = Count is not null || Duration is not null;
        schedule = schedule with
        {
            Interval = Interval ?? schedule.Interval,
            Count = hasLength ? Count : schedule.Count,
            Duration = hasLength ? Duration : null,
            InitialDelay = InitialDelay ?? schedule.InitialDelay,
        };
        var limits = gate.Limits;
        limits = new GateLimits(
            FailureLimit ?? limits.FailureLimit,
            InconclusiveLimit ?? limits.InconclusiveLimit,
            ConsecutiveErrorLimit ?? limits.ConsecutiveErrorLimit,
            MinSamples ?? limits.MinSamples);
        return gate with
        {
            Schedule = schedule,
            Limits = limits,
            Window = Window ?? gate.Window,
            DryRun = DryRun ?? gate.DryRun,
            Critical = Critical ?? gate.Critical,
        };
    }
}
