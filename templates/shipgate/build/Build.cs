using Shipgate.Pipeline;
using Shipgate.Release.Components;

/// <summary>
/// The release of shipgate-service: ./build.sh Deploy builds, pushes and deploys the image, verifies it against
/// deploy/gates.yaml, then promotes it or rolls it back. The targets come from IReleaseTargets (./build.sh --help).
/// </summary>
internal sealed partial class Build : ShipgateBuild, IReleaseTargets
{
    public static int Main() => Execute<Build>(x => ((IReleaseTargets)x).Status);

    ReleaseService IReleaseTargets.Service => new("shipgate-service", ImageSource.DockerfileIn(".", "SHIPGATE_DOCKERFILE"))
    {
        Port = SHIPGATE_PORT,
        HealthPath = "SHIPGATE_HEALTH_PATH",
        MetricsPath = "SHIPGATE_METRICS_PATH",
        // Synthetic traffic while Verify decides: POST {"features": {...}} with one value per feature name.
        Traffic = new TrafficSettings { Path = "SHIPGATE_PREDICT_PATH", Features = "SHIPGATE_FEATURES".Split(',') },
    };
}
