namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders a <see cref="CiPlan"/> as <c>.gitlab-ci.yml</c>: one stage and job per pipeline stage, artifacts
/// handed on through <c>needs</c>, JUnit as test reports, a NuGet cache, secrets from masked CI/CD variables,
/// deploys bound to their environment and serialised by <c>resource_group</c>; a gated deploy is a
/// <c>when: manual</c> job on its protected environment, which blocks the pipeline until someone allowed starts it.
/// </summary>
public static class GitLabCiGenerator
{
    public const string Path = ".gitlab-ci.yml";

    public static string Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var pipeline = plan.Pipeline;
        var rules = new List<object> { new YamlMap().Set("if", "$CI_PIPELINE_SOURCE == \"merge_request_event\"") };
        rules.AddRange(pipeline.PushBranches.Select(branch => new YamlMap().Set("if", $"$CI_COMMIT_BRANCH == \"{branch}\"")));
        rules.Add(new YamlMap().Set("if", "$CI_PIPELINE_SOURCE == \"web\""));

        var document = new YamlMap()
            .Set("workflow", new YamlMap().Set("rules", rules))
            .Set("stages", plan.Jobs.Select(job => job.Id).ToList())
            .Set("variables", new YamlMap()
                .Set("DOTNET_NOLOGO", "true")
                .Set("DOTNET_CLI_TELEMETRY_OPTOUT", "true")
                .Set("NUGET_PACKAGES", "$CI_PROJECT_DIR/.nuget/packages"))
            .Set("default", new YamlMap()
                .Set("image", pipeline.GitLabImage)
                .Set("cache", new YamlMap()
                    .Set("key", new YamlMap().Set("prefix", "nuget").Set("files", new List<string> { "Directory.Packages.props", "global.json" }))
                    .Set("paths", new List<string> { ".nuget/packages/" })));
        foreach (var job in plan.Jobs)
            document.Set(job.Id, Job(job, plan));
        return YamlText.Render(CiHeader.Lines(plan, "masked, protected CI/CD variables (Settings → CI/CD → Variables)", name => $"${name}"), document);
    }

    private static YamlMap Job(CiJob job, CiPlan plan)
    {
        var stage = job.Stage;
        var reports = stage.TestResultGlobs.Concat(stage.SummaryGlobs).Append("artifacts/ci-summary/").ToList();
        return new YamlMap()
            .Set("stage", stage.Id)
            .Set("needs", job.Needs.ToList())
            .Set("script", new List<string> { job.Command })
            .Set("environment", stage.Environment is null ? null : new YamlMap()
                .Set("name", stage.Environment)
                .Set("url", stage.EnvironmentUrl)
                .Set("deployment_tier", Tier(stage.Environment)))
            .Set("resource_group", stage.Environment is null ? null : $"deploy-{stage.Environment}")
            .Set("rules", Rules(job, plan))
            .Set("artifacts", new YamlMap()
                .Set("when", "always")
                .Set("expire_in", "30 days")
                .Set("paths", stage.Artifacts.Concat(reports).ToList())
                .Set("reports", stage.TestResultGlobs.Count > 0 ? new YamlMap().Set("junit", stage.TestResultGlobs) : null));
    }

    // Manual jobs are optional (allow_failure: true) by default; a gate must block what comes after it.
    private static List<object>? Rules(CiJob job, CiPlan plan)
    {
        var branch = job.Stage.Environment is not null ? plan.Pipeline.DeployBranch : null;
        if (job.Approval is null && branch is null)
            return null;
        var rule = new YamlMap().Set("if", branch is null ? "$CI_PIPELINE_SOURCE != \"merge_request_event\"" : $"$CI_COMMIT_BRANCH == \"{branch}\"");
        if (job.Approval is not null)
            rule.Set("when", "manual").Set("allow_failure", false);
        return [rule];
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
