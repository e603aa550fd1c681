namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders a <see cref="CiPlan"/> as a GitHub Actions workflow: one job per stage on its runner, the artifacts of every
/// stage upstream downloaded, NuGet and build-program caches, secrets from <c>secrets.*</c> on the one step that runs
/// the build, variables from <c>vars.*</c>, write permissions only on deploy jobs, deploy jobs bound to their environment
/// (required reviewers approve there) and serialised by <c>concurrency</c>; operations are <c>workflow_dispatch</c> inputs.
/// </summary>
public static class GitHubWorkflowGenerator
{
    private const string Release = "release";

    public static string PathFor(CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return $".github/workflows/{pipeline.Name}.yml";
    }

    public static string Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pipeline = plan.Pipeline;
        var dispatch = new YamlMap();
        if (plan.Operations.Count > 0)
            dispatch.Set("inputs", new YamlMap().Set("operation", new YamlMap()
                .Set("description", $"'{Release}' runs the pipeline; the others promote or roll back by hand")
                .Set("type", "choice")
                .Set("default", Release)
                .Set("options", plan.Operations.Select(job => job.Id).Prepend(Release).ToList())));
        var triggers = new YamlMap()
            .Set("push", pipeline.PushBranches.Count > 0 ? new YamlMap().Set("branches", pipeline.PushBranches) : null)
            .Set("pull_request", pipeline.PullRequestBranches.Count > 0 ? new YamlMap().Set("branches", pipeline.PullRequestBranches) : null);
        triggers["workflow_dispatch"] = dispatch;

        var workflow = new YamlMap()
            .Set("name", pipeline.Name)
            .Set("on", triggers)
            // Pull request jobs get a read-only token; deploy jobs ask for more themselves.
            .Set("permissions", new YamlMap().Set("contents", "read"))
            // A newer push to a pull request cancels its older run; runs of the deploy branch are one per commit, never cancelled.
            .Set("concurrency", new YamlMap()
                .Set("group", "${{ github.workflow }}-${{ github.event_name == 'pull_request' && github.ref || github.sha }}")
                .Set("cancel-in-progress", "${{ github.event_name == 'pull_request' }}"))
            .Set("env", new YamlMap()
                .Set("DOTNET_NOLOGO", "true")
                .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "true"))
            .Set("jobs", plan.AllJobs.ToDictionary(job => job.Id, job => (object)Job(job, plan)));
        var header = CiHeader.Lines(plan, "the repository's Actions secrets (environment secrets only for jobs bound to that environment)", name => $"secrets.{name}")
            .Concat(CiHeader.VariableLines(plan, "Actions variables (vars.NAME; environment variables for deploy jobs)"));
        return Core.Yaml.YamlWriter.Render(header, workflow);
    }

    private static YamlMap Job(CiJob job, CiPlan plan)
    {
        var stage = job.Stage;
        var variables = stage.VariableNames.ToDictionary(name => name, name => $"${{{{ vars.{name} }}}}", StringComparer.Ordinal);
        return new YamlMap()
            .Set("name", stage.Id)
            .Set("needs", job.WaitsFor(plan).ToList())
            .Set("if", Condition(job, plan))
            .Set("runs-on", job.Runner.GitHub)
            .Set("timeout-minutes", job.Deploys ? 60 : 30)
            .Set("permissions", job.Deploys ? new YamlMap()
                .Set("contents", "read")
                .Set("actions", "read")            // reading who approved the deployment
                .Set("deployments", "write")
                .Set("statuses", "write") : null)
            .Set("environment", job.Deploys ? new YamlMap().Set("name", stage.Environment).Set("url", stage.EnvironmentUrl) : null)
            // One deploy per environment at a time. GitHub keeps one pending job per group: a newer one waiting
            // for review replaces an older one waiting (the newest commit wins; see the README).
            .Set("concurrency", job.Deploys ? new YamlMap().Set("group", $"deploy-{stage.Environment}").Set("cancel-in-progress", false) : null)
            .Set("env", variables.Count > 0 ? variables : null)
            .Set("steps", Steps(job));
    }

    private static string? Condition(CiJob job, CiPlan plan)
    {
        var branch = plan.Pipeline.DeployBranch is { } name ? $" && github.ref == 'refs/heads/{name}'" : "";
        var release = plan.Operations.Count > 0 ? $" && (github.event_name != 'workflow_dispatch' || inputs.operation == '{Release}')" : "";
        return job.Trigger switch
        {
            CiTrigger.PullRequests => "github.event_name == 'pull_request'",
            CiTrigger.DeployBranch => $"github.event_name != 'pull_request'{branch}{release}",
            CiTrigger.Manual => $"github.event_name == 'workflow_dispatch'{branch} && inputs.operation == '{job.Id}'",
            _ => release.Length > 0 ? release[4..] : null,
        };
    }

    private static List<object> Steps(CiJob job)
    {
        var stage = job.Stage;
        var steps = new List<object>
        {
            // The token stays out of .git/config, where the build's own code could read it.
            new YamlMap().Set("uses", "actions/checkout@v6").Set("with", new YamlMap().Set("persist-credentials", false)),
            new YamlMap().Set("uses", "actions/setup-dotnet@v5").Set("with", new YamlMap().Set("global-json-file", "global.json")),
            new YamlMap().Set("name", "NuGet and build program cache").Set("uses", "actions/cache@v5").Set("with", new YamlMap()
                .Set("path", "~/.nuget/packages\n.nuke/temp/build-bin")
                .Set("key", "build-${{ runner.os }}-${{ hashFiles('**/*.csproj', '**/Directory.Packages.props', 'global.json', 'build/**', 'src/**') }}")
                .Set("restore-keys", "build-${{ runner.os }}-")),
        };
        steps.AddRange(job.Runner.GitHubSetup.Select(command => new YamlMap().Set("name", command).Set("run", command)));
        foreach (var download in job.Downloads)
            steps.Add(new YamlMap()
                .Set("name", $"Artifacts from {download.Stage}: {download.Path}")
                .Set("uses", "actions/download-artifact@v6")
                .Set("with", new YamlMap().Set("name", download.Name).Set("path", download.Path)));

        // Secrets only on the step that needs them, not on third-party actions.
        var secrets = stage.SecretNames.ToDictionary(name => name, name => $"${{{{ secrets.{name} }}}}", StringComparer.Ordinal);
        if (job.Deploys)
            secrets["GITHUB_TOKEN"] = "${{ github.token }}"; // deployments, statuses, and reading who approved
        var command = CiValue.Render(job.Command, value => value.GitHub);
        steps.Add(new YamlMap().Set("name", command).Set("run", command).Set("env", secrets.Count > 0 ? secrets : null));
        foreach (var path in stage.Artifacts)
            steps.Add(Upload(CiHeader.ArtifactName(stage.Id, path), path, "success()"));
        var reports = stage.TestResultGlobs.Concat(stage.SummaryGlobs).Distinct(StringComparer.Ordinal).ToList();
        if (reports.Count > 0)
            steps.Add(Upload($"{stage.Id}-reports", string.Join('\n', reports), "always()"));
        if (stage.SummaryGlobs.Count > 0)
            steps.Add(new YamlMap()
                .Set("name", "Job summary")
                .Set("if", "always()")
                .Set("run", $"for f in {string.Join(' ', stage.SummaryGlobs)}; do if [ -f \"$f\" ]; then cat \"$f\" >> \"$GITHUB_STEP_SUMMARY\"; fi; done"));
        return steps;
    }

    // overwrite: a re-run job uploads again under the same name (v4+ artifacts are immutable per run otherwise: 409).
    private static YamlMap Upload(string name, string path, string condition) => new YamlMap()
        .Set("uses", "actions/upload-artifact@v5")
        .Set("if", condition)
        .Set("with", new YamlMap().Set("name", name).Set("path", path).Set("if-no-files-found", "ignore").Set("overwrite", true));
}
