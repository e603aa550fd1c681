using System.Globalization;
using Shipgate.Pipeline;
using Shipgate.Release.Components;

namespace Shipgate.Build;

/// <summary>
/// What this repository releases: samples/ModelService, through the release component (Image, Push, Deploy, Verify,
/// Promote, Rollback, Status, LoadTest, Up, Down come from <see cref="IReleaseTargets"/>). The demo's faults are
/// the sample's own knobs, checked before any target runs.
/// </summary>
internal sealed partial class Build : IReleaseTargets
{
    [Parameter("Demo fault: fraction of /predict requests answered with 500 (0..1)")]
    private readonly double FaultErrorRate;

    [Parameter("Demo fault: extra latency of every request, in milliseconds (0..60000)")]
    private readonly int FaultLatencyMs;

    [Parameter("Demo fault: shift added to every prediction (-1..1)")]
    private readonly double FaultPredictionShift;

    ReleaseService IReleaseTargets.Service => new("modelservice", ImageSource.DotNetProject("samples/ModelService/ModelService.csproj", "samples/ModelService/Dockerfile"))
    {
        Traffic = new TrafficSettings { Path = "/predict", Features = ["tenure", "monthly_usage", "support_calls", "discount"] },
        // The sample reads its faults from configuration (samples/ModelService/FaultOptions.cs).
        EnvironmentVariables = new Dictionary<string, string>
        {
            ["MODELSERVICE__FAULTS__ERRORRATE"] = FaultErrorRate.ToString(CultureInfo.InvariantCulture),
            ["MODELSERVICE__FAULTS__LATENCYMS"] = FaultLatencyMs.ToString(CultureInfo.InvariantCulture),
            ["MODELSERVICE__FAULTS__PREDICTIONSHIFT"] = FaultPredictionShift.ToString(CultureInfo.InvariantCulture),
        },
    };

    /// <summary>Range checks of the demo faults, before any target runs (exit 2 naming the parameter), not inside the container.</summary>
    private Target SampleFaults => _ => _
        .Description("Checks the demo fault parameters before anything is built or deployed")
        .Unlisted()
        .DependentFor<IReleaseTargets>(x => x.Image)
        .Requires(() => FaultErrorRate, rate => rate is >= 0 and <= 1 ? null : $"a fraction 0..1, not {rate}")
        .Requires(() => FaultLatencyMs, ms => ms is >= 0 and <= 60_000 ? null : $"0..60000 ms, not {ms}")
        .Requires(() => FaultPredictionShift, shift => shift is >= -1 and <= 1 ? null : $"-1..1, not {shift}");
}
