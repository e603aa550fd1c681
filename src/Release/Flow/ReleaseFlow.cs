using System.Globalization;
using System.Runtime.CompilerServices;
using Serilog;
using Shipgate.DeployTargets;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Yaml;
using Shipgate.LocalStack.Images;
using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Hosts.GitHub;
using Shipgate.Release.Artifacts;
using Shipgate.Release.Components;
using Shipgate.Release.Environments;
using Shipgate.Release.Events;

namespace Shipgate.Release.Flow;

/// <summary>
/// The release targets' bodies for one build: it resolves the settings once (command line, environments file,
/// service), wires the platform, the metrics source and the sinks, and keeps what the targets share in one run
/// (the lease, the gates checked before the deploy, the summary). Decisions are not made here: see ReleasePolicy.
/// </summary>
public sealed class ReleaseFlow : IDisposable
{
    private static readonly ConditionalWeakTable<IReleaseTargets, ReleaseFlow> Flows = [];
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly IReleaseTargets _build;
    private readonly Lazy<ReleaseSettings> _settings;
    private readonly Lazy<IDeployTarget> _platform;
    private readonly Lazy<PrometheusClient> _prometheus;
    private readonly Lazy<ReleaseEventBus> _events;
    private readonly SummarySink _summary = new();
    private IAsyncDisposable? _lease;
    private GatesDocument? _checkedGates;
    private ReleaseInfo? _held;
    private string? _commit;
    private string? _version;

    private ReleaseFlow(IReleaseTargets build)
    {
        _build = build;
        _settings = new(ResolveSettings);
        _platform = new(() => PlatformFactory.Create(Settings, Engine, Log.Logger));
        _prometheus = new(() => new PrometheusClient(new PrometheusOptions(Settings.Prometheus)
        {
            BearerToken = Settings.PrometheusToken,
            CaBundlePath = Settings.Environment.PrometheusCa is { } ca ? Path.GetFullPath(ca, build.RootDirectory) : null,
        }));
        _events = new(CreateEventBus);
    }

    /// <summary>The flow of this build object (one per build run).</summary>
    public static ReleaseFlow For(IReleaseTargets build) => Flows.GetValue(build, b => new ReleaseFlow(b));

    public ReleaseSettings Settings => _settings.Value;

    public EngineConnection Engine => PlatformFactory.EngineOf(Settings, _build.RootDirectory);

    public SummarySink Summary => _summary;

    private string Artifacts => Path.Combine(_build.RootDirectory, "artifacts");

    private string ManifestPath => ImageManifest.PathIn(Artifacts);

    private EmbeddedStack Stack => new(
        Path.Combine(_build.RootDirectory, ".nuke", "temp", "stack"), Path.Combine(_build.RootDirectory, Settings.Service.StackScripts), _build.Tools, Http, Log.Logger);

    private static string Operator => $"{System.Environment.UserName}@{System.Environment.MachineName}";

    /// <summary>The commit being released: from the CI host, else from git.</summary>
    public async Task<string> CommitAsync(CancellationToken cancellationToken) => _commit ??= _build.Host.Metadata.Commit
        ?? (await _build.Tools.RunAsync("git", ["-C", _build.RootDirectory, "rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false)).StandardOutput.Trim();

    /// <summary>--version, else git describe (a tag, or the short commit; -dirty for uncommitted changes).</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken)
    {
        if (_version is not null)
            return _version;
        if (_build.ReleaseVersion is { } given)
            return _version = ReleaseVersion.Problem(given) is { } problem ? throw new ArgumentException($"--version {problem}") : given;
        var describe = await _build.Tools.RunAsync(new Pipeline.Tooling.ToolInvocation("git", ["-C", _build.RootDirectory, "describe", "--tags", "--always", "--dirty"]) { ThrowOnFailure = false }, cancellationToken).ConfigureAwait(false);
        _version = ReleaseVersion.FromGit(describe.ExitCode == 0 ? describe.StandardOutput : null, _build.Host.Metadata.Commit);
        Log.Information("No --version given: releasing as {Version} (git describe)", _version);
        return _version;
    }

    public Task UpAsync(CancellationToken cancellationToken)
    {
        HoldCheckout("Up");
        return Settings.Environment.IsLocal ? Stack.UpAsync(Settings, MonitoringSpecAsync, cancellationToken) : Task.CompletedTask;
    }

    public Task DownAsync(CancellationToken cancellationToken) => Stack.DownAsync(cancellationToken);

    public async Task ImageAsync(CancellationToken cancellationToken)
    {
        HoldCheckout("Image");
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var commit = await CommitAsync(cancellationToken).ConfigureAwait(false);
        var (context, dockerfile) = await ImageContextAsync(cancellationToken).ConfigureAwait(false);
        var tags = await new ImageBuilder(Engine, Log.Logger).BuildAsync(
            new ImageBuildRequest(context, Settings.Repository, version, commit) { Dockerfile = dockerfile }, cancellationToken).ConfigureAwait(false);
        new ImageManifest(Settings.Repository, version, commit, tags, Digest: null).Write(ManifestPath);
    }

    public async Task PushAsync(CancellationToken cancellationToken)
    {
        HoldCheckout("Push");
        var built = ImageManifest.Read(ManifestPath);
        var pushed = await new ImageBuilder(Engine, Log.Logger).PushAsync(built.Repository, built.Tags, PlatformFactory.CredentialsOf(Settings), new PushRetryOptions(), cancellationToken).ConfigureAwait(false);
        (built with { Digest = pushed.Digest }).Write(ManifestPath);
    }

    /// <summary>Pre-flight, then the lease for the whole release, then the deploy. The lease is held until the release ends (<see cref="EndAsync"/>).</summary>
    public async Task DeployAsync(CancellationToken cancellationToken)
    {
        HoldCheckout("Deploy");
        var image = ImageManifest.Read(ManifestPath);
        if (_build.ReleaseVersion is { } version && version != image.Version)
            throw new InvalidOperationException($"--version {version} does not match the pushed image {image.Repository}:{image.Version}; run Image and Push again.");
        var traffic = Traffic;
        _checkedGates = await new ReleasePreflight(Settings, _platform.Value, _prometheus.Value, Http)
            .CheckAsync(GatesPath, image.Version, _build.Force, () => traffic?.Problems() ?? [], cancellationToken).ConfigureAwait(false);

        _lease = await _platform.Value.AcquireReleaseLeaseAsync(Operator, cancellationToken).ConfigureAwait(false);
        try
        {
            // Verify runs next in this build: the release is Verifying from the moment it is healthy, so a kill in between
            // is recovered (rolled back) by the next run instead of leaving it serving unverified.
            var verifyNext = _build.ScheduledTargets.Contains(nameof(IReleaseTargets.Verify), StringComparer.Ordinal);
            Hold(await Runner.DeployAsync(image, _build.Force, verifyNext, cancellationToken, CanaryAnalysis(_checkedGates)).ConfigureAwait(false));
        }
        catch
        {
            await ReleaseLeaseAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A canary held at a pause until approved goes on, with the approval this target required (the same mechanism as
    /// Deploy's: the build asked for it before anything ran); who approved, and how, goes to the ledger.
    /// </summary>
    public async Task ResumeCanaryAsync(CancellationToken cancellationToken)
    {
        HoldCheckout("ResumeCanary");
        var approvedBy = _build.Approvals.FirstOrDefault(a => a.Target == nameof(IReleaseTargets.ResumeCanary)) is { } approval
            ? $"{approval.ApprovedBy} ({approval.Method})"
            : throw new InvalidOperationException($"ResumeCanary needs a release manager's approval, and environment '{Settings.Environment.Name}' requires none: " +
                "its canary steps in the environments file hold no 'pause: {}' (or the file is not the service's).");
        var gates = _checkedGates ?? GatesFile.Load(GatesPath);
        _lease = await _platform.Value.AcquireReleaseLeaseAsync(Operator, cancellationToken).ConfigureAwait(false);
        try
        {
            var verifyNext = _build.ScheduledTargets.Contains(nameof(IReleaseTargets.Verify), StringComparer.Ordinal);
            Hold(await Runner.ResumeCanaryAsync(approvedBy, verifyNext, cancellationToken, CanaryAnalysis(gates)).ConfigureAwait(false));
        }
        catch
        {
            await ReleaseLeaseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private CanaryAnalysis? CanaryAnalysis(GatesDocument gates) => Settings.Strategy == ReleaseStrategy.Canary
        ? new CanaryGates(Settings, new VerificationSession(_prometheus.Value, Traffic, Log.Logger), gates, _events.Value, Log.Logger).AnalyseAsync
        : null;

    /// <summary>A canary held at a pause until approved: this run ends there (successfully); Verify waits for the resume.</summary>
    private void Hold(ReleaseInfo released)
    {
        if (released.Phase != ReleasePhase.Held) return;
        _held = released;
        Log.Warning("Canary {Version:l} ({ReleaseId:l}) of {Service:l} held at step {Step} ({Percent:0.##}%), awaiting approval: run ResumeCanary --environment {Environment:l} (with the approval), or Rollback",
            released.Version, released.ReleaseId, Settings.Service.Name, released.Record.CanaryStep, released.Record.CanaryWeight, Settings.Environment.Name);
    }

    /// <summary>Verifies, decides and acts; the build fails unless the release was promoted.</summary>
    public Task VerifyAsync(CancellationToken cancellationToken) => WithLeaseAsync(async () =>
    {
        if (_held is not null)
        {
            Log.Information("Verify waits: the canary {Version} is held awaiting approval (ResumeCanary runs its next steps, then Verify)", _held.Version);
            return;
        }
        var gates = _checkedGates ?? GatesFile.Load(GatesPath);
        var session = new VerificationSession(_prometheus.Value, Traffic, Log.Logger);
        var decision = await Runner.VerifyAsync(session, gates, cancellationToken).ConfigureAwait(false);
        if (decision.Action != ReleaseAction.Promote)
            throw new TargetFailedException($"The release was not promoted: {decision}");
    }, cancellationToken);

    public Task PromoteAsync(CancellationToken cancellationToken) => WithLeaseAsync(async () =>
    {
        var approvedBy = _build.Approvals.Count > 0 ? string.Join(", ", _build.Approvals.Select(a => $"{a.ApprovedBy} ({a.Method})")) : Operator;
        await Runner.PromoteAsync(approvedBy, cancellationToken).ConfigureAwait(false);
    }, cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken) => WithLeaseAsync(async () =>
    {
        var restored = await Runner.RollbackAsync($"requested by {Operator}", cancellationToken).ConfigureAwait(false);
        Log.Information("Rolled back: {Version} serves again", restored.Version);
    }, cancellationToken);

    /// <summary>The end of a release that Deploy started, whatever happened: the summary, then the lease goes.</summary>
    public async Task EndAsync()
    {
        _summary.WriteTo(Log.Logger);
        await ReleaseLeaseAsync().ConfigureAwait(false);
    }

    public async Task StatusAsync(CancellationToken cancellationToken)
    {
        var status = await Runner.StatusAsync(cancellationToken).ConfigureAwait(false);
        foreach (var recovered in status.Recovered)
            Log.Warning("Recovered a release left in flight: {Recovered}", recovered);
        Log.Information("{Service} in {Environment} ({Platform} on {Engine})", Settings.Service.Name, Settings.Environment.Name, Settings.Platform, Settings.Engine);
        Log.Information("Current:  {Current}", ReleaseRunner.Describe(status.Current?.Record));
        Log.Information("Previous: {Previous}", ReleaseRunner.Describe(status.Previous));
        foreach (var record in status.History)
            Log.Information("  {Release}", ReleaseRunner.Describe(record));
    }

    public async Task LoadTestAsync(CancellationToken cancellationToken)
    {
        var traffic = Traffic ?? throw new InvalidOperationException($"The service {Settings.Service.Name} declares no traffic (ReleaseService.Traffic), so there is nothing to send.");
        Log.Information("Load: {Load}", (await traffic.RunAsync(_build.LoadDuration, cancellationToken).ConfigureAwait(false)).Summary);
    }

    public void Dispose()
    {
        if (_prometheus.IsValueCreated)
            _prometheus.Value.Dispose();
    }

    private string GatesPath => Path.GetFullPath(Settings.GatesFile, _build.RootDirectory);

    private LoadTrafficDriver? Traffic => Settings.Service.Traffic is { } traffic && Settings.TrafficRate is { } rate
        ? new LoadTrafficDriver(Http, Settings.ServiceUri, traffic, rate)
        : null;

    private ReleaseRunner Runner => new(Settings, _platform.Value, _events.Value, Operator, Log.Logger);

    /// <summary>Runs under the lease Deploy took in this run, or under a lease of its own for just this step.</summary>
    private async Task WithLeaseAsync(Func<Task> step, CancellationToken cancellationToken)
    {
        HoldCheckout("a release step");
        if (_lease is not null)
        {
            await step().ConfigureAwait(false);
            return;
        }

        await using var lease = await _platform.Value.AcquireReleaseLeaseAsync(Operator, cancellationToken).ConfigureAwait(false);
        await step().ConfigureAwait(false);
    }

    private void HoldCheckout(string target) => CheckoutLock.Acquire(_build.RootDirectory, target);

    private async Task ReleaseLeaseAsync()
    {
        if (_lease is not null)
            await _lease.DisposeAsync().ConfigureAwait(false);
        _lease = null;
    }

    private ReleaseSettings ResolveSettings()
    {
        var variables = Pipeline.Parameters.ParameterInjector.ProcessEnvironment();
        var path = Path.GetFullPath(_build.EnvironmentsFileOverride ?? _build.Service.EnvironmentsFile, _build.RootDirectory);
        var name = _build.TargetEnvironment;
        var environment = File.Exists(path) ? EnvironmentsFile.Load(path, name, variables) : ReleaseEnvironment.Embedded(name);
        var settings = ReleaseSettings.Merge(_build.Service, environment, _build, variables);
        // Read from the variables the environments file names: masked in the log and kept from child processes.
        _build.Secrets.Register(settings.RegistryPassword);
        _build.Secrets.Register(settings.PrometheusToken);
        return settings.PlatformGiven ? settings : settings with { Platform = RecordedPlatform(settings) ?? settings.Platform };
    }

    // Nobody said where the service runs: the ledger knows what its last deploy used (a Swarm service must not be
    // mistaken for a missing container). An engine that does not answer yet (the local stack before Up) records nothing.
    private PlatformKind? RecordedPlatform(ReleaseSettings settings)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            var recorded = ReleaseLedger.ReadPlatformAsync(PlatformFactory.EngineOf(settings, _build.RootDirectory), settings.Service.Name, settings.Environment.Name, timeout.Token)
                .GetAwaiter().GetResult();
            return recorded switch
            {
                DeployPlatform.Swarm => PlatformKind.Swarm,
                DeployPlatform.Docker => PlatformKind.Docker,
                _ => null,
            };
        }
        catch (Exception exception) when (exception is DeployTargetException or OperationCanceledException or HttpRequestException or IOException)
        {
            Log.Debug("The ledger's platform could not be read ({Message}): Docker", exception.Message);
            return null;
        }
    }

    private ReleaseEventBus CreateEventBus()
    {
        var sinks = new List<IReleaseSink>
        {
            new LedgerExportSink(Path.Combine(Artifacts, "release", "ledger.json"), _platform.Value),
            new ReportSink(Path.Combine(Artifacts, "reports"), Log.Logger),
            _summary,
        };
        if (Settings.UsesEmbeddedPrometheus)
            sinks.Add(MonitoringSink);
        var github = new Dictionary<string, string>(Pipeline.Parameters.ParameterInjector.ProcessEnvironment(), StringComparer.Ordinal);
        if (_build.GitHubToken is { } token)
            github["GITHUB_TOKEN"] = token;
        if (_build.GitHubToken is not null && GitHubConnection.FromEnvironment(github) is { } connection)
        {
            var run = long.TryParse(github.GetValueOrDefault("GITHUB_RUN_ID"), CultureInfo.InvariantCulture, out var id) ? id : (long?)null;
            sinks.Add(new GitHubDeploymentSink(new GitHubDeployments(connection, run), _build.Host.Metadata.PipelineUrl is { } url ? new Uri(url) : null));
        }
        return new ReleaseEventBus(sinks, Log.Logger);
    }

    private LocalMonitoringSink MonitoringSink => new(Stack.Monitoring, Settings, _platform.Value);

    /// <summary>The scrape configuration for what serves now; nothing while the local engine is not up yet (a fresh machine).</summary>
    private async Task<LocalStack.Monitoring.MonitoringSpec> MonitoringSpecAsync(CancellationToken cancellationToken)
    {
        string? serving = null;
        try
        {
            serving = (await _platform.Value.StatusAsync(cancellationToken).ConfigureAwait(false)).History
                .FirstOrDefault(record => record.Phase.IsServing())?.Version;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or TimeoutException or Docker.DotNet.DockerApiException)
        {
            Log.Debug("The engine does not answer yet: {Message}", exception.Message);
        }

        return await MonitoringSink.SpecAsync(serving, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The image's build context: the Dockerfile's own, or a .NET project published self-contained (per run: two runs do not collide).</summary>
    private async Task<(string Context, string Dockerfile)> ImageContextAsync(CancellationToken cancellationToken)
    {
        var root = _build.RootDirectory;
        switch (Settings.Service.Image)
        {
            case ImageSource.FromDotNetProject project:
                var context = await ImageContextBuilder.CreateAsync(new ImageContextOptions(
                    Path.GetFullPath(project.Project, root), Path.GetFullPath(project.Dockerfile, root),
                    Path.Combine(root, ".nuke", "temp", "image-context", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                {
                    WithheldVariables = _build.Tools.SecretCarryingVariables(),
                }, cancellationToken).ConfigureAwait(false);
                return (context.Directory, Path.GetFileName(context.DockerfilePath));
            case ImageSource.FromDockerfile dockerfile:
                var contextDirectory = Path.GetFullPath(dockerfile.Context, root);
                return (contextDirectory, Path.GetRelativePath(contextDirectory, Path.GetFullPath(dockerfile.Dockerfile, root)));
            default:
                throw new InvalidOperationException($"Unknown image source {Settings.Service.Image}");
        }
    }
}
