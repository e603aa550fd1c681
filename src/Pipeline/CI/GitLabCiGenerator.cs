namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders a <see cref="CiPlan"/> as <c>.gitlab-ci.yml</c>: one stage and job per pipeline stage on the stage's runner
/// (image or tags), artifacts handed on from every stage upstream through <c>needs</c> (a direct need whose artifacts
/// are not wanted says <c>artifacts: false</c>), JUnit as test reports, NuGet and build-program caches, secrets and
/// variables from CI/CD variables, deploys bound to their environment and serialised by <c>resource_group</c>; a
/// gated deploy is a blocking <c>when: manual</c> job on its protected environment; operations are optional manual jobs.
/// </summary>
public static class GitLabCiGenerator
{
    public const string Path = ".gitlab-ci.yml";

    private const string OperationsStage = "operate";

    public static string Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pipeline = plan.Pipeline;
        var rules = new List<object> { new YamlMap().Set("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"") };
        // Pushes and the Run pipeline button only: a schedule or trigger on main would otherwise build and deploy.
        rules.AddRange(pipeline.PushBranches.Select(branch => new YamlMap().Set("if", $"$CI_COMMIT_BRANCH == \"{branch}\" && $CI_PIPELINE_SOURCE =~ /^(push|web)$/")));

        var stages = plan.Jobs.Select(job => job.Id).ToList();
        if (plan.Operations.Count > 0)
            stages.Add(OperationsStage);
        var document = new YamlMap()
            .Set("workflow", new YamlMap().Set("rules", rules))
            .Set("stages", stages)
            .Set("variables", new YamlMap()
                .Set("DOTNET_NOLOGO", "true")
                .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "true")
                .Set("NUGET_PACKAGES", "$CI_PROJECT_DIR/.nuget/packages"))
            .Set("default", new YamlMap()
                .Set("cache", Caches("pull")));
        var first = plan.Jobs[0].Id;
        foreach (var job in plan.AllJobs)
            document.Set(job.Id, Job(job, plan, first));
        return Core.Yaml.YamlWriter.Render(Header(plan), document);
    }

    private static IEnumerable<string> Header(CiPlan plan)
    {
        foreach (var line in CiHeader.Lines(plan, "masked, protected CI/CD variables (Settings → CI/CD → Variables)", name => $"${name}"))
            yield return line;
        foreach (var line in CiHeader.VariableLines(plan, "CI/CD variables (Settings → CI/CD → Variables; scope them to the environment)"))
            yield return line;
    }

    // The NuGet packages, and the compiled build program (build.sh recompiles it when its inputs changed).
    private static List<object> Caches(string policy) =>
    [
        new YamlMap()
            .Set("key", new YamlMap().Set("prefix", "nuget").Set("files", new List<string> { "Directory.Packages.props", "global.json" }))
            .Set("paths", new List<string> { ".nuget/packages/" })
            .Set("policy", policy),
        new YamlMap()
            .Set("key", "build-program")
            .Set("paths", new List<string> { ".nuke/temp/build-bin/" })
            .Set("policy", policy),
    ];

    private static YamlMap Job(CiJob job, CiPlan plan, string first)
    {
        var stage = job.Stage;
        var reports = stage.TestResultGlobs.Concat(stage.SummaryGlobs).Append("artifacts/ci-summary/").Distinct(StringComparer.Ordinal).ToList();
        var command = CiValue.Render(job.Command, value => value.GitLab);
        return new YamlMap()
            .Set("stage", job.Trigger == CiTrigger.Manual ? OperationsStage : stage.Id)
            .Set("image", job.Runner.GitLabImage)
            .Set("tags", job.Runner.GitLabTags.Count > 0 ? job.Runner.GitLabTags.ToList() : null)
            .Set("needs", Needs(job, plan))
            .Set("cache", job.Id == first ? Caches("pull-push") : null)
            .Set("interruptible", job.Deploys ? null : true)
            .Set("timeout", job.Deploys ? "1h" : "30m")
            .Set("script", new List<string> { command })
            .Set("environment", stage.Environment is null ? null : new YamlMap()
                .Set("name", stage.Environment)
                .Set("url", stage.EnvironmentUrl)
                .Set("deployment_tier", Tier(stage.Environment)))
            .Set("resource_group", stage.Environment is null ? null : $"deploy-{stage.Environment}")
            .Set("rules", Rules(job, plan))
            .Set("artifacts", new YamlMap()
                .Set("when", "always")
                .Set("expire_in", stage.Artifacts.Count > 0 ? "90 days" : "30 days")
                .Set("paths", stage.Artifacts.Concat(reports).ToList())
                .Set("reports", stage.TestResultGlobs.Count > 0 ? new YamlMap().Set("junit", stage.TestResultGlobs.ToList()) : null));
    }

    /// <summary>
    /// Every stage the job waits for; with <c>needs</c> GitLab downloads only the listed jobs' artifacts, so each producer
    /// upstream is listed, and a need whose artifacts are not wanted (staging's reports in production) says so.
    /// </summary>
    private static List<object> Needs(CiJob job, CiPlan plan)
    {
        var producers = job.Downloads.Select(download => download.Stage).ToHashSet(StringComparer.Ordinal);
        return job.WaitsFor(plan)
            .Select(id => (object)new YamlMap().Set("job", id).Set("artifacts", producers.Contains(id)))
            .ToList();
    }

    // Manual jobs are optional (allow_failure: true) by default; a gate must block what comes after it.
    private static List<object>? Rules(CiJob job, CiPlan plan)
    {
        var branch = plan.Pipeline.DeployBranch;
        var onBranch = branch is null ? "$CI_PIPELINE_SOURCE != \"merge_request_event\"" : $"$CI_COMMIT_BRANCH == \"{branch}\"";
        return job.Trigger switch
        {
            CiTrigger.PullRequests => [new YamlMap().Set("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"")],
            CiTrigger.Manual => [new YamlMap().Set("if", onBranch).Set("when", "manual").Set("allow_failure", true)],
            CiTrigger.DeployBranch when job.Approval is not null => [new YamlMap().Set("if", onBranch).Set("when", "manual").Set("allow_failure", false)],
            CiTrigger.DeployBranch => [new YamlMap().Set("if", onBranch)],
            _ => null,
        };
    }

    private static string Tier(string environment) => environment.ToLowerInvariant() switch
    {
        "production" or "prod" => "production",
        "staging" or "stage" => "staging",
        "testing" or "test" => "testing",
        "development" or "dev" => "development",
        _ => "other",
    };
}
