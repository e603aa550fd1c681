namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders a <see cref="CiPlan"/> as a GitHub Actions workflow: one job per stage, artifacts uploaded and
/// downloaded between jobs, a NuGet cache, secrets from <c>secrets.*</c>, deploy jobs bound to their
/// environment (required reviewers approve there) and serialised by <c>concurrency</c>.
/// </summary>
public static class GitHubWorkflowGenerator
{
    public static string PathFor(CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        return $".github/workflows/{pipeline.Name}.yml";
    }

    public static string Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pipeline = plan.Pipeline;
        var triggers = new YamlMap()
            .Set("push", pipeline.PushBranches.Count > 0 ? new YamlMap().Set("branches", pipeline.PushBranches) : null)
            .Set("pull_request", pipeline.PullRequestBranches.Count > 0 ? new YamlMap().Set("branches", pipeline.PullRequestBranches) : null);
        triggers["workflow_dispatch"] = new YamlMap();

        var workflow = new YamlMap()
            .Set("name", pipeline.Name)
            .Set("on", triggers)
            .Set("permissions", new YamlMap()
                .Set("contents", "read")
                .Set("actions", "read")
                .Set("deployments", "write")
                .Set("statuses", "write"))
            .Set("env", new YamlMap()
                .Set("DOTNET_NOLOGO", "true")
                .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "true"))
            .Set("jobs", plan.Jobs.ToDictionary(job => job.Id, job => (object)Job(job, plan)));
        return YamlText.Render(CiHeader.Lines(plan, "the repository's or environment's Actions secrets", name => $"secrets.{name}"), workflow);
    }

    private static YamlMap Job(CiJob job, CiPlan plan)
    {
        var stage = job.Stage;
        var deploys = stage.Environment is not null;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var secret in stage.SecretNames)
            environment[secret] = $"${{{{ secrets.{secret} }}}}";
        if (deploys)
            environment["GITHUB_TOKEN"] = "${{ github.token }}"; // deployments, statuses, and reading who approved

        return new YamlMap()
            .Set("name", stage.Id)
            .Set("needs", job.Needs.Count > 0 ? job.Needs : null)
            .Set("if", deploys && plan.Pipeline.DeployBranch is { } branch ? $"github.event_name != 'pull_request' && github.ref == 'refs/heads/{branch}'" : null)
            .Set("runs-on", plan.Pipeline.RunsOn)
            .Set("environment", deploys ? new YamlMap().Set("name", stage.Environment).Set("url", stage.EnvironmentUrl) : null)
            .Set("concurrency", deploys ? new YamlMap().Set("group", $"deploy-{stage.Environment}").Set("cancel-in-progress", false) : null)
            .Set("env", environment.Count > 0 ? environment : null)
            .Set("steps", Steps(job, plan));
    }

    private static List<object> Steps(CiJob job, CiPlan plan)
    {
        var stage = job.Stage;
        var steps = new List<object>
        {
            new YamlMap().Set("uses", "actions/checkout@v4"),
            new YamlMap().Set("uses", "actions/setup-dotnet@v4").Set("with", new YamlMap().Set("global-json-file", "global.json")),
            new YamlMap().Set("name", "NuGet cache").Set("uses", "actions/cache@v4").Set("with", new YamlMap()
                .Set("path", "~/.nuget/packages")
                .Set("key", "nuget-${{ runner.os }}-${{ hashFiles('**/*.csproj', '**/Directory.Packages.props', 'global.json') }}")
                .Set("restore-keys", "nuget-${{ runner.os }}-")),
        };
        foreach (var need in job.Needs)
        {
            foreach (var path in plan.Job(need).Stage.Artifacts)
                steps.Add(new YamlMap()
                    .Set("name", $"Artifacts from {need}: {path}")
                    .Set("uses", "actions/download-artifact@v4")
                    .Set("with", new YamlMap().Set("name", CiHeader.ArtifactName(need, path)).Set("path", path)));
        }

        steps.Add(new YamlMap().Set("name", job.Command).Set("run", job.Command));
        foreach (var path in stage.Artifacts)
            steps.Add(Upload(CiHeader.ArtifactName(stage.Id, path), path, "success()"));
        var reports = stage.TestResultGlobs.Concat(stage.SummaryGlobs).ToList();
        if (reports.Count > 0)
            steps.Add(Upload($"{stage.Id}-reports", string.Join('\n', reports), "always()"));
        if (stage.SummaryGlobs.Count > 0)
            steps.Add(new YamlMap()
                .Set("name", "Job summary")
                .Set("if", "always()")
                .Set("run", $"for f in {string.Join(' ', stage.SummaryGlobs)}; do if [ -f \"$f\" ]; then cat \"$f\" >> \"$GITHUB_STEP_SUMMARY\"; fi; done"));
        return steps;
    }

    private static YamlMap Upload(string name, string path, string condition) => new YamlMap()
        .Set("uses", "actions/upload-artifact@v4")
        .Set("if", condition)
        .Set("with", new YamlMap().Set("name", name).Set("path", path).Set("if-no-files-found", "ignore"));
}
