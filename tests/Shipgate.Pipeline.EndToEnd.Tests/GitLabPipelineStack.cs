using System.Globalization;
using System.Text;
using Shipgate.Testing;

namespace Shipgate.Pipeline.EndToEnd.Tests;

/// <summary>
/// What the generated GitLab pipeline deploys to, all real and on loopback: staging and production as two "remote"
/// Docker engines behind mutual TLS (<see cref="RemoteDockerEngine"/>), one htpasswd-protected registry, and each
/// environment's Prometheus scraping its service port with the labels the gates select on. (One Prometheus for both
/// would not do: deploy/gates.yaml's scrape selector is service and version, so production's target, down until its
/// deploy, would make staging's verification of the same version see no data.) The sample repository is a clone of
/// this one's committed HEAD, so the pipeline run is exactly the committed <c>.gitlab-ci.yml</c>; the CI/CD variables
/// (environment-scoped where GitLab scopes them) are in gitlab-ci-local's variables file, never in the repository.
/// </summary>
public sealed class GitLabPipelineStack : IAsyncLifetime
{
    public const string Service = "modelservice";
    public const string RegistryUser = "shipgate-ci";

    private readonly string _directory = Directory.CreateTempSubdirectory("shipgate-gitlab-e2e-").FullName;
    private string? _registryConfig;

    /// <summary>Long enough to be masked (and random, so finding it in a log means it leaked).</summary>
    public string RegistryPassword { get; } = "pw-" + Guid.NewGuid().ToString("N");

    public string Repository => Path.Combine(_directory, "repository");

    /// <summary>The commit the pipeline runs for: the release's version (--version $CI_COMMIT_SHA).</summary>
    public string Commit { get; private set; } = "";

    public RemoteDockerEngine Staging { get; } = new();

    public RemoteDockerEngine Production { get; } = new();

    public string Registry { get; } = $"127.0.0.1:{FreePorts.Next().ToString(CultureInfo.InvariantCulture)}";

    public int StagingPort { get; } = FreePorts.Next();

    public int ProductionPort { get; } = FreePorts.Next();

    public PrometheusServer StagingPrometheus { get; private set; } = null!;

    public PrometheusServer ProductionPrometheus { get; private set; } = null!;

    public static string GitLabCiLocal => Path.Combine(RepositoryPaths.Root, "tools", "ci-lint", "node_modules", ".bin", "gitlab-ci-local");

    public async Task InitializeAsync()
    {
        if (!File.Exists(GitLabCiLocal))
            ProcessRun.Checked("npm", ["ci", "--prefix", Path.Combine(RepositoryPaths.Root, "tools", "ci-lint"), "--no-audit", "--no-fund"], RepositoryPaths.Root, TimeSpan.FromMinutes(20));
        ProcessRun.Checked("git", ["clone", "-q", RepositoryPaths.Root, Repository], _directory, TimeSpan.FromMinutes(2));
        // A push to main, whatever this checkout is on (a detached HEAD would make every main-only job 'never').
        ProcessRun.Checked("git", ["checkout", "-q", "-B", "main"], Repository, TimeSpan.FromMinutes(1));
        // The user who starts the manual jobs (GITLAB_USER_LOGIN), as GitLab would name the release manager.
        ProcessRun.Checked("git", ["config", "user.email", "release-manager@example.test"], Repository, TimeSpan.FromMinutes(1));
        ProcessRun.Checked("git", ["config", "user.name", "Release Manager"], Repository, TimeSpan.FromMinutes(1));
        Commit = ProcessRun.Checked("git", ["rev-parse", "HEAD"], Repository, TimeSpan.FromMinutes(1)).Trim();

        var htpasswd = Path.Combine(_directory, "htpasswd");
        await File.WriteAllTextAsync(htpasswd, ProcessRun.Checked("htpasswd", ["-nbB", RegistryUser, RegistryPassword], _directory, TimeSpan.FromMinutes(1)).Trim() + "\n");
        _registryConfig = Path.Combine(_directory, "registry.yml");
        await File.WriteAllTextAsync(_registryConfig, Stack("registry.sh", "config", Registry, Path.Combine(_directory, "registry-data"), htpasswd));
        Stack("registry.sh", "start", _registryConfig);

        StagingPrometheus = PrometheusServer.Start(ScrapeJob("staging", StagingPort));
        ProductionPrometheus = PrometheusServer.Start(ScrapeJob("production", ProductionPort));
        await Task.WhenAll(Staging.InitializeAsync(), Production.InitializeAsync());
        await File.WriteAllTextAsync(Path.Combine(Repository, ".gitlab-ci-local-variables.yml"), VariablesFile());
    }

    public async Task DisposeAsync()
    {
        await Task.WhenAll(Staging.DisposeAsync().AsTask(), Production.DisposeAsync().AsTask());
        StagingPrometheus?.Dispose();
        ProductionPrometheus?.Dispose();
        if (_registryConfig is not null)
            Stack("registry.sh", "stop", _registryConfig);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A job's leftover still holds a file; the directory is under /tmp and named for this test.
        }
    }

    /// <summary>A new commit on main (a second push): its hash, the next release's version.</summary>
    public string CommitAgain(string message)
    {
        ProcessRun.Checked("git", ["commit", "-q", "--allow-empty", "-m", message], Repository, TimeSpan.FromMinutes(1));
        return ProcessRun.Checked("git", ["rev-parse", "HEAD"], Repository, TimeSpan.FromMinutes(1)).Trim();
    }

    /// <summary>
    /// The service as an environment's Prometheus target, labelled as the gates select it. The labels are static, as a
    /// user's scrape configuration without service discovery has them: a new version is relabelled when it is deployed.
    /// </summary>
    public string ScrapeJob(string environment, int port, string? version = null) =>
        $"  - job_name: {Service}-{environment}\n"
        + "    static_configs:\n"
        + $"      - targets: ['127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}']\n"
        + $"        labels: {{ service: {Service}, version: '{version ?? Commit}', environment: {environment} }}\n";

    /// <summary>
    /// The project's CI/CD variables as an administrator would set them: what deploy/environments.yaml reads, the
    /// registry credentials, and each environment's service port (environment-scoped: both engines share the loopback).
    /// </summary>
    private string VariablesFile()
    {
        var variables = new Dictionary<string, string>
        {
            ["STAGING_DOCKER_HOST"] = Staging.Address,
            ["STAGING_DOCKER_CERT_PATH"] = Staging.ClientCertificateDirectory,
            ["STAGING_PROMETHEUS_URL"] = StagingPrometheus.Url.ToString(),
            ["PRODUCTION_DOCKER_HOST"] = Production.Address,
            ["PRODUCTION_DOCKER_CERT_PATH"] = Production.ClientCertificateDirectory,
            ["PRODUCTION_PROMETHEUS_URL"] = ProductionPrometheus.Url.ToString(),
            ["REGISTRY_HOST"] = Registry,
            ["REGISTRY_USERNAME"] = RegistryUser,
            ["REGISTRY_PASSWORD"] = RegistryPassword,
            // The runner's own NuGet cache (a shell runner keeps one), so the jobs restore offline.
            ["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
        };
        var text = new StringBuilder();
        // type: variable, or gitlab-ci-local turns a value that starts with '/' into a File variable.
        foreach (var (name, value) in variables)
            text.Append(CultureInfo.InvariantCulture, $"{name}:\n  type: variable\n  values:\n    '*': '{value}'\n");
        text.Append(CultureInfo.InvariantCulture, $"SERVICE_PORT:\n  type: variable\n  values:\n    staging: '{StagingPort}'\n    production: '{ProductionPort}'\n");
        return text.ToString();
    }

    private static string Stack(string script, params string[] arguments) =>
        ProcessRun.Checked(Path.Combine(RepositoryPaths.Root, "scripts", "stack", script), arguments, RepositoryPaths.Root, TimeSpan.FromMinutes(2));
}
