using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Serilog;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Swarm;
using Shipgate.DeployTargets.Targets;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Reports;
using Shipgate.Gates.Templates;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;
using Shipgate.LocalStack.Images;
using Shipgate.LocalStack.Load;
using Shipgate.LocalStack.Monitoring;
using Shipgate.Pipeline;

namespace Shipgate.Build;

/// <summary>
/// The release of samples/ModelService: Lint → Test → Image → Push → Deploy → Verify → Promote, and Rollback
/// when Verify's verdict says so. Status, Rollback, Down and LoadTest also run alone.
/// </summary>
internal sealed partial class Build
{
    private const string Service = "modelservice";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static readonly JsonSerializerOptions LedgerJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    [Parameter("Environment the release goes to (a ledger and scrape label; 'production' needs approval)")]
    private readonly string Environment = "local";

    [Parameter("Version of the release: image tag, ledger entry and the 'version' label of its metrics")]
    private readonly string? Version;

    [Parameter("Demo fault: fraction of /predict requests answered with 500")]
    private readonly double FaultErrorRate;

    [Parameter("Demo fault: extra latency of every request, in milliseconds")]
    private readonly int FaultLatencyMs;

    [Parameter("Demo fault: shift added to every prediction (0..1)")]
    private readonly double FaultPredictionShift;

    [Parameter("The gates file Verify runs")]
    private readonly string Gates = "deploy/gates.yaml";

    [Parameter("What an Inconclusive verdict does: Rollback or Pause (default: the gates file's inconclusivePolicy)")]
    private readonly InconclusivePolicy? InconclusivePolicy;

    [Parameter("Where the service runs: Docker (one engine) or Swarm (a service with replicas)")]
    private readonly DeployTargetKind TargetKind = DeployTargetKind.Docker;

    [Parameter("Replicas of the Swarm service")]
    private readonly int Replicas = 4;

    [Parameter("Port the service listens on (host networking, 127.0.0.1)")]
    private readonly int ServicePort = 8080;

    [Parameter("Docker engine endpoint, e.g. unix:///var/run/docker.sock; default: the local engine, started when absent")]
    private readonly Uri? DockerHost;

    [Parameter("Prometheus URL; default: the local Prometheus on 127.0.0.1:9090, started when absent")]
    private readonly Uri? PrometheusUrl;

    [Parameter("Bearer token for Prometheus"), Secret]
    private readonly string? PrometheusToken;

    [Parameter("Registry host:port images are pushed to; default: the local registry 127.0.0.1:5000, started when absent")]
    private readonly string? Registry;

    [Parameter("Registry user name")]
    private readonly string? RegistryUsername;

    [Parameter("Registry password"), Secret]
    private readonly string? RegistryPassword;

    [Parameter("Deploy a version even though it was rolled back before")]
    private readonly bool Force;

    [Parameter("LoadTest alone: how long to send traffic")]
    private readonly TimeSpan LoadDuration = TimeSpan.FromSeconds(60);

    [Parameter("Load: requests per second at the start and at the end of the ramp")]
    private readonly double[] LoadRate = [20, 60];

    /// <summary>Set when the release in flight must be undone (a failed verdict, an interrupted verification).</summary>
    private string? _rollbackReason;

    private AnalysisResult? _analysis;
    private ReleaseInfo? _released;
    private readonly List<string> _story = [];

    private string ImageManifestPath => Path.Combine(Artifacts, "image", "image.json");

    private string ReportDirectory => Path.Combine(Artifacts, "reports");

    private EngineConnection Engine => DockerHost is null ? EngineConnection.Local : new EngineConnection(DockerHost);

    private RegistryCredentials? Credentials => RegistryUsername is null ? null : new RegistryCredentials(RegistryUsername, RegistryPassword ?? "");

    /// <summary>The ports the release's instances listen on: one for Docker; PORT + slot for each Swarm replica on this node.</summary>
    private IReadOnlyList<int> InstancePorts => TargetKind == DeployTargetKind.Swarm
        ? Enumerable.Range(ServicePort + 1, Replicas).ToList()
        : [ServicePort];

    /// <summary>Where the load goes and what is probed: the first instance.</summary>
    private Uri ServiceUri => new($"http://127.0.0.1:{InstancePorts[0].ToString(CultureInfo.InvariantCulture)}");

    private Target Image => _ => _
        .Description("Publishes the sample self-contained and builds its image through the Engine API, tagged with the commit and --version")
        .DependsOn(Lint, Test, Up)
        .Requires(() => Version)
        .Executes(async cancellation =>
        {
            var context = await ImageContextBuilder.CreateAsync(new ImageContextOptions(
                Path.Combine(RootDirectory, "samples", "ModelService", "ModelService.csproj"),
                Path.Combine(RootDirectory, "samples", "ModelService", "Dockerfile"),
                Path.Combine(StackDirectory, "image-context")), cancellation);
            var repository = $"{RegistryHost}/{Service}";
            var tags = await new ImageBuilder(Engine, Log.Logger).BuildAsync(
                new ImageBuildRequest(context.Directory, repository, Version!, Commit) { Dockerfile = Path.GetFileName(context.DockerfilePath) },
                cancellation);
            new ImageManifest(repository, Version!, Commit, tags, Digest: null).Write(ImageManifestPath);
        });

    private Target Push => _ => _
        .Description("Pushes the image to the registry; the pushed digest goes to artifacts/image/image.json")
        .DependsOn(Image, Up)
        .Executes(async cancellation =>
        {
            var built = ImageManifest.Read(ImageManifestPath);
            var pushed = await new ImageBuilder(Engine, Log.Logger).PushAsync(built.Repository, built.Tags, Credentials, new PushRetryOptions(), cancellation);
            (built with { Digest = pushed.Digest }).Write(ImageManifestPath);
        });

    private Target Deploy => _ => _
        .Description("Deploys the pushed image by digest and waits for health; Verify, then Promote or Rollback, follow")
        .DependsOn(Push, Up)
        .Triggers(Verify)
        .RequiresApproval("production", () => Environment, "release-managers")
        .Executes(async cancellation =>
        {
            var image = ImageManifest.Read(ImageManifestPath);
            if (Version is not null && Version != image.Version)
                throw new InvalidOperationException($"--version {Version} does not match the pushed image {image.Repository}:{image.Version}; run Image and Push again.");
            var target = CreateTarget();
            var before = await target.StatusAsync(cancellation);

            // Scrape nothing while the versions change over: the old process's counters must never be read under
            // the new version's label (or the reverse), or the two versions' distributions mix.
            await PointMonitoringAtAsync(null, cancellation);
            try
            {
                _released = await target.DeployAsync(new DeployRequest(image.Reference, image.Version, image.Commit, DeployedBy) { Force = Force }, cancellation);
            }
            catch
            {
                await PointMonitoringAtAsync(before.Current?.Version, CancellationToken.None);
                throw;
            }

            await WriteLedgerEntryAsync(target, cancellation);
            await ReportDeploymentStartedAsync(_released.ReleaseId);
            _story.Add($"Deployed {Service} {image.Version} ({image.Reference}) to {Environment}, replacing {before.Current?.Version ?? "nothing"}.");
            await PointMonitoringAtAsync(image.Version, cancellation);
        });

    private Target Verify => _ => _
        .Description("Verifies the serving release against Prometheus with the gates file while LoadTest sends traffic")
        .Triggers(Promote, Rollback)
        .Executes(async cancellation =>
        {
            var target = CreateTarget();
            var status = await target.StatusAsync(cancellation);
            var current = status.Current?.Record ?? throw new InvalidOperationException($"Nothing of {Service} serves in {Environment}: run Deploy first.");
            var baseline = status.Previous is { Phase: ReleasePhase.Promoted } previous ? previous : null;
            var document = GatesFile.Load(Path.GetFullPath(Gates, RootDirectory));
            var policy = InconclusivePolicy ?? document.Policy;
            var release = ReleaseContext.Of(Service, current.Version, baseline?.Version, Environment, document.Window, baseline?.UpdatedAt);
            Log.Information("Verifying {Service} {Version} against baseline {Baseline} with {Gates} ({Count} gates, inconclusive: {Policy})",
                Service, current.Version, baseline?.Version ?? "(none: baseline gates do not apply)", Gates, document.Gates.Count, policy);

            using var load = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            // The ramp spans the analysis, so every measurement sees more traffic than the one before.
            var traffic = SendLoadAsync(document.Gates.Max(gate => gate.Schedule.DueAfter(gate.Schedule.MeasurementCount - 1)) + TimeSpan.FromSeconds(5), load.Token);
            try
            {
                _analysis = await AnalyseAsync(document, release, policy, cancellation);
            }
            catch (OperationCanceledException)
            {
                _rollbackReason = "the verification was interrupted";
                throw;
            }
            finally
            {
                await load.CancelAsync();
                Log.Information("Load during verification: {@Load}", await traffic);
            }

            var written = ReportWriter.WriteAll(_analysis, ReportDirectory);
            Log.Information("Gate report: {Files}", written);
            _story.Add($"Verdict {_analysis.Verdict} → {_analysis.Action}: {string.Join("; ", _analysis.Reasons)}");
            switch (_analysis.Action)
            {
                case ReleaseAction.Rollback:
                    _rollbackReason = $"verdict {_analysis.Verdict}: {string.Join("; ", _analysis.Reasons)}";
                    throw new InvalidOperationException($"Release {current.Version} failed verification ({_analysis.Verdict}); rolling back.");
                case ReleaseAction.Pause:
                    throw new InvalidOperationException(
                        $"Release {current.Version} is {_analysis.Verdict} and the policy is Pause: it serves unpromoted until a release manager runs Promote or Rollback.");
            }
        });

    private Target Promote => _ => _
        .Description("Marks the serving release as passed (verdict and approver in the ledger); the previous one is cleaned up")
        .Executes(async cancellation =>
        {
            var target = CreateTarget();
            var approvedBy = Approvals.Count > 0 ? string.Join(", ", Approvals.Select(a => $"{a.ApprovedBy} ({a.Method})")) : $"{DeployedBy} (gates)";
            _released = await target.PromoteAsync(new PromoteRequest(approvedBy, _analysis?.Verdict.ToString() ?? "Pass (manual)"), cancellation);
            await WriteLedgerEntryAsync(target, cancellation);
            _story.Add($"Promoted {_released.Version}, approved by {approvedBy}.");
            await ReportDeploymentAsync(succeeded: true, $"Promoted {_released.Version}: {string.Join("; ", _analysis?.Reasons ?? [])}");
        });

    private Target Rollback => _ => _
        .Description("Returns to the previous release; runs automatically when Verify fails, or alone")
        .AssuredAfterFailure()
        .OnlyWhenDynamic(() => _rollbackReason is not null || InvokedTargets.Contains(nameof(Rollback)))
        .Executes(async cancellation =>
        {
            var target = CreateTarget();
            var reason = _rollbackReason ?? $"requested by {DeployedBy}";
            _released = await target.RollbackAsync(reason, cancellation);
            Log.Information("Rolled back: {Version} serves again", _released.Version);
            await WriteLedgerEntryAsync(target, cancellation);
            await PointMonitoringAtAsync(_released.Version, cancellation);
            _story.Add($"Rolled back: {_released.Version} serves again ({reason}).");
            await ReportDeploymentAsync(succeeded: false, $"Rolled back to {_released.Version}: {reason}");
        });

    private Target Status => _ => _
        .Description("Prints the current and previous releases of the service with their versions, and the history")
        .Executes(async cancellation =>
        {
            var status = await CreateTarget().StatusAsync(cancellation);
            foreach (var recovered in status.Recovered)
                Log.Warning("Recovered a release left in flight: {Recovered}", recovered);
            Log.Information("Current:  {Current}", Describe(status.Current?.Record));
            Log.Information("Previous: {Previous}", Describe(status.Previous));
            foreach (var record in status.History)
                Log.Information("  {Release}", Describe(record));
        });

    private Target ReleaseSummary => _ => _
        .Description("Prints what the release did: deployed, verdict and evidence, rollback, durations")
        .Unlisted()
        .TriggeredBy(Deploy)
        .After(Promote, Rollback)
        .AssuredAfterFailure()
        .Executes(() =>
        {
            foreach (var line in _story)
                Log.Information("Release: {Line:l}", line);
            foreach (var gate in _analysis?.Gates ?? [])
                Log.Information("  gate {Gate}{DryRun}: {Status} — {Reason}", gate.Gate, gate.DryRun ? " (dry run, not deciding)" : "", gate.Decision.Status, gate.Decision.Reason);
            if (_analysis is not null)
                Log.Information("  analysis took {Duration:g}; reports in {Directory}", _analysis.FinishedAt - _analysis.StartedAt, ReportDirectory);
        });

    private Target LoadTest => _ => _
        .Description("Sends a rising ramp of /predict requests to the serving release (--load-duration, --load-rate FROM TO)")
        .Executes(async cancellation => Log.Information("Load: {@Load}", await SendLoadAsync(LoadDuration, cancellation)));

    private static string DeployedBy => $"{System.Environment.UserName}@{System.Environment.MachineName}";

    /// <summary>The commit being released: from the CI host, else from git (worktrees included).</summary>
    private string Commit => _commit ??= Host.Metadata.Commit
        ?? Tools.RunAsync("git", ["-C", RootDirectory, "rev-parse", "HEAD"]).GetAwaiter().GetResult().StandardOutput.Trim();

    private string? _commit;

    private IDeployTarget CreateTarget() => TargetKind switch
    {
        DeployTargetKind.Swarm => new DockerSwarmTarget(new SwarmTargetOptions(Service, Environment, ServicePort)
        {
            Replicas = Replicas,
            EnvironmentVariables = ServiceEnvironment,
            Engine = Engine,
            RegistryCredentials = Credentials,
        }, Log.Logger),
        _ => new DockerTarget(new DockerTargetOptions(Service, Environment, ServicePort)
        {
            EnvironmentVariables = ServiceEnvironment,
            HealthUrl = new Uri(ServiceUri, "/health"),
            Engine = Engine,
            RegistryCredentials = Credentials,
        }, Log.Logger),
    };

    /// <summary>
    /// The sample's configuration, faults included (they are the demo's way to ship a bad release). The listen
    /// address comes from the PORT (and Swarm slot) the deploy target passes.
    /// </summary>
    private Dictionary<string, string> ServiceEnvironment => new()
    {
        ["MODELSERVICE__FAULTS__ERRORRATE"] = FaultErrorRate.ToString(CultureInfo.InvariantCulture),
        ["MODELSERVICE__FAULTS__LATENCYMS"] = FaultLatencyMs.ToString(CultureInfo.InvariantCulture),
        ["MODELSERVICE__FAULTS__PREDICTIONSHIFT"] = FaultPredictionShift.ToString(CultureInfo.InvariantCulture),
    };

    private async Task<AnalysisResult> AnalyseAsync(GatesDocument document, ReleaseContext release, InconclusivePolicy policy, CancellationToken cancellation)
    {
        using var prometheus = new PrometheusClient(new PrometheusOptions(PrometheusEndpoint) { BearerToken = PrometheusToken });
        var verifier = new Verifier(prometheus);
        verifier.Measured += (measurement, decision) => Log.Information("{Gate}: {Phase} {Value} (n={Samples}) {Reason}",
            measurement.Gate, measurement.Phase, measurement.Value, measurement.SampleSize, measurement.Reason);
        try
        {
            return await verifier.VerifyAsync(document.Gates, release, policy, cancellation);
        }
        catch (MetricSourceException exception)
        {
            // Prometheus unreachable before the analysis could start: nothing was measured, so nothing passes.
            Log.Error("Prometheus at {Url} could not be queried: {Message}", PrometheusEndpoint, exception.Message);
            var now = DateTimeOffset.UtcNow;
            string[] reasons = [$"the metrics backend failed: {exception.Message}"];
            return new AnalysisResult(Verdict.Inconclusive, reasons, policy,
                policy == Shipgate.Gates.Model.InconclusivePolicy.Pause ? ReleaseAction.Pause : ReleaseAction.Rollback, now, now, []);
        }
    }

    private async Task<LoadResult> SendLoadAsync(TimeSpan duration, CancellationToken cancellation)
    {
        var profile = new LoadProfile
        {
            StartRate = LoadRate.ElementAtOrDefault(0),
            EndRate = LoadRate.ElementAtOrDefault(1) is var end and > 0 ? end : LoadRate[0],
            Duration = duration,
            Features = FeatureDistribution.StandardNormal(["tenure", "monthly_usage", "support_calls", "discount"]),
        };
        return await new LoadGenerator(Http).RunAsync(ServiceUri, profile, cancellation);
    }

    /// <summary>
    /// Rewrites the local Prometheus configuration to scrape the serving version (none: null) and reloads it;
    /// a no-op with an external Prometheus.
    /// </summary>
    private async Task PointMonitoringAtAsync(string? servingVersion, CancellationToken cancellation)
    {
        if (!UsesLocalPrometheus)
            return;
        try
        {
            await Monitoring.ApplyAsync(await MonitoringSpecAsync(servingVersion, cancellation), cancellation);
        }
        catch (Exception exception) when (exception is PrometheusReloadException or HttpRequestException)
        {
            // The release itself is done (or undone); without scraping, Verify finds no data, which never passes.
            Log.Warning("The local Prometheus was not pointed at {Version}: {Message}", servingVersion ?? "(none)", exception.Message);
        }
    }

    private async Task<MonitoringSpec> MonitoringSpecAsync(string? servingVersion, CancellationToken cancellation)
    {
        var history = await HistoryAsync(cancellation);
        return new MonitoringSpec
        {
            Service = Service,
            Environment = Environment,
            Targets = servingVersion is null ? [] : InstancePorts
                .Select(port => new ScrapeTarget(Service, servingVersion, Environment, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"))
                .ToList(),
            ReleaseEvents = ReleaseEvents.FromLedger(history),
        };
    }

    /// <summary>The ledger, or nothing while the local engine is not up yet (a fresh machine).</summary>
    private async Task<IReadOnlyList<ReleaseRecord>> HistoryAsync(CancellationToken cancellation) =>
        UsesLocalEngine && !await EngineAnswersAsync() ? [] : (await CreateTarget().StatusAsync(cancellation)).History;

    private async Task<bool> EngineAnswersAsync()
    {
        try
        {
            using var client = Engine.CreateClient();
            await client.System.PingAsync();
            return true;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or Docker.DotNet.DockerApiException or TimeoutException)
        {
            return false;
        }
    }

    private async Task WriteLedgerEntryAsync(IDeployTarget target, CancellationToken cancellation)
    {
        var status = await target.StatusAsync(cancellation);
        var path = Path.Combine(Artifacts, "release", "ledger.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(
            new { current = status.Current?.Record, previous = status.Previous, history = status.History }, LedgerJson), cancellation);
    }

    private static string Describe(ReleaseRecord? record) => record is null
        ? "(none)"
        : $"{record.Version} [{record.Phase}] {record.ReleaseId} {record.Image} deployed {record.DeployedAt:u} by {record.DeployedBy}"
          + (record.ApprovedBy is null ? "" : $", approved by {record.ApprovedBy}")
          + (record.Verdict is null ? "" : $", verdict {record.Verdict}")
          + (record.Reason is null ? "" : $" — {record.Reason}");
}
