namespace Shipgate.Pipeline.Tests.Components;

// Components that only declare parameters, the way a release library would.

internal enum RolloutKind
{
    Recreate,
    BlueGreen,
}

internal interface IVersioned : IShipgateBuild
{
    [Parameter("Version of the release")]
    string? ReleaseVersion => TryGetValue(() => ReleaseVersion);
}

internal interface IDeploySettings : IVersioned
{
    [Parameter("Environment")]
    string TargetEnvironment => TryGetValue(() => TargetEnvironment) ?? "local";

    [Parameter("Password of the registry")]
    [Secret]
    string? RegistryPassword => TryGetValue(() => RegistryPassword);

    [Parameter("Build number", Name = "build")]
    string? BuildNumber => TryGetValue(() => BuildNumber);
}

internal interface ITuning : IShipgateBuild
{
    [Parameter("Port the service listens on")]
    int ServicePort => TryGetValue<int?>(() => ServicePort) ?? 8080;

    [Parameter("Only print what would change")]
    bool DryRun => TryGetValue<bool?>(() => DryRun) ?? false;

    [Parameter("How versions change over")]
    RolloutKind Rollout => TryGetValue<RolloutKind?>(() => Rollout) ?? RolloutKind.Recreate;

    [Parameter("Error-rate thresholds")]
    double[] Thresholds => TryGetValue(() => Thresholds) ?? [0.5];

    [Parameter("How long to wait for health")]
    TimeSpan WaitTimeout => TryGetValue<TimeSpan?>(() => WaitTimeout) ?? TimeSpan.FromSeconds(30);

    [Parameter("Prometheus to query")]
    Uri? PrometheusUrl => TryGetValue(() => PrometheusUrl);

    [Parameter("Requests per second (default: the service's)")]
    double LoadRate => TryGetValue<double?>(() => LoadRate) ?? 20;
}

/// <summary>Another component that also calls its parameter <c>--target-environment</c>.</summary>
internal interface IOtherEnvironment : IShipgateBuild
{
    [Parameter("Environment, again")]
    string? TargetEnvironment => TryGetValue(() => TargetEnvironment);
}

internal sealed class ParameterComponentBuild : ShipgateBuild, IDeploySettings, ITuning
{
    [Parameter("Build configuration")]
    public readonly string Configuration = "Debug";

    public IDeploySettings Settings => this;

    public ITuning Tuning => this;
}
