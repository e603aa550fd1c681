using Shipgate.Pipeline.CI;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Pipeline.Tests.CI;

/// <summary>What the generators write, read back as YAML/Groovy text: the structure each system relies on.</summary>
public class GeneratedFilesTests
{
    private static readonly CiPlan Plan = new SampleReleaseBuild().Let(SampleReleaseBuild.Pipeline);

    private static YamlMappingNode Yaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode At(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Text(YamlNode node, params string[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static bool Has(YamlNode node, string key) => ((YamlMappingNode)node).Children.ContainsKey(new YamlScalarNode(key));

    private static IEnumerable<YamlMappingNode> Steps(YamlNode job) => ((YamlSequenceNode)At(job, "steps")).OfType<YamlMappingNode>();

    private static IEnumerable<YamlMappingNode> Uses(YamlNode job, string action) =>
        Steps(job).Where(step => Has(step, "uses") && Text(step, "uses").StartsWith(action, StringComparison.Ordinal));

    [Fact]
    public void GitHub_has_one_job_per_stage_each_invoking_build_sh()
    {
        var jobs = (YamlMappingNode)At(Yaml(GitHubWorkflowGenerator.Generate(Plan)), "jobs");

        Assert.Equal(["lint", "test", "rehearsal", "build-image", "staging", "production", "rollback-production"], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var runs = jobs.Children.Values.Select(job => Steps(job)
            .Where(step => Has(step, "run") && Text(step, "run").StartsWith("./build.sh", StringComparison.Ordinal)).Select(step => Text(step, "run")).Single());
        // Each job skips what the stages before it declared, and what only those pulled in; the version is the commit.
        Assert.Equal(
            [
                "./build.sh Lint",
                "./build.sh Test",
                "./build.sh Deploy Verify --environment local --skip Restore Compile Lint Test",
                "./build.sh Image Push --version $GITHUB_SHA --skip Restore Compile Lint Test",
                "./build.sh Deploy Verify --environment staging --skip Restore Compile Lint Test Image Push",
                "./build.sh Deploy Verify --environment production --skip Restore Compile Lint Test Image Push",
                "./build.sh Rollback --environment production",
            ],
            runs);
    }

    [Fact]
    public void GitHub_deploys_are_bound_to_their_environment_serialised_only_from_main_with_write_permissions_of_their_own()
    {
        var workflow = Yaml(GitHubWorkflowGenerator.Generate(Plan));
        var production = At(workflow, "jobs", "production");

        Assert.Equal("production", Text(production, "environment", "name"));
        Assert.Equal("deploy-production", Text(production, "concurrency", "group"));
        Assert.Equal("false", Text(production, "concurrency", "cancel-in-progress"));
        Assert.Contains("refs/heads/main", Text(production, "if"), StringComparison.Ordinal);
        Assert.Equal("write", Text(production, "permissions", "deployments"));
        Assert.Equal("read", Text(workflow, "permissions", "contents"));
        Assert.False(Has(At(workflow, "permissions"), "deployments"));
        Assert.False(Has(At(workflow, "jobs", "test"), "permissions"));
        Assert.Equal("${{ vars.PRODUCTION_DOCKER_HOST }}", Text(production, "env", "PRODUCTION_DOCKER_HOST"));
        // Secrets only on the build step, never where a third-party action runs.
        var build = Steps(production).Single(step => Has(step, "run") && Text(step, "run").StartsWith("./build.sh", StringComparison.Ordinal));
        Assert.Equal("${{ secrets.PROMETHEUS_TOKEN }}", Text(build, "env", "PROMETHEUS_TOKEN"));
        Assert.False(Has(production, "env") && Has(At(production, "env"), "PROMETHEUS_TOKEN"));
        Assert.Equal("false", Text(Uses(production, "actions/checkout").Single(), "with", "persist-credentials"));
    }

    [Fact]
    public void GitHub_hands_the_image_artifact_to_every_deploy_downstream_and_publishes_the_markdown_report_to_the_job_summary()
    {
        var jobs = At(Yaml(GitHubWorkflowGenerator.Generate(Plan)), "jobs");
        var upload = Uses(At(jobs, "build-image"), "actions/upload-artifact").Single();
        var summary = Steps(At(jobs, "staging")).Single(s => Has(s, "name") && Text(s, "name") == "Job summary");

        foreach (var deploy in new[] { "staging", "production" })
        {
            var download = Uses(At(jobs, deploy), "actions/download-artifact").Single();
            Assert.Equal(Text(upload, "with", "name"), Text(download, "with", "name"));
            Assert.Equal("artifacts/image", Text(download, "with", "path"));
            Assert.Contains("build-image", ((YamlSequenceNode)At(jobs, deploy, "needs")).Children.Cast<YamlScalarNode>().Select(n => n.Value));
        }

        Assert.Equal("true", Text(upload, "with", "overwrite"));
        Assert.Contains("artifacts/reports/summary.md", Text(summary, "run"), StringComparison.Ordinal);
        Assert.Contains("$GITHUB_STEP_SUMMARY", Text(summary, "run"), StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_runs_operations_only_when_dispatched_with_their_input()
    {
        var workflow = Yaml(GitHubWorkflowGenerator.Generate(Plan));

        Assert.Equal(["release", "rollback-production"], ((YamlSequenceNode)At(workflow, "on", "workflow_dispatch", "inputs", "operation", "options")).Children.Cast<YamlScalarNode>().Select(n => n.Value));
        Assert.Contains("inputs.operation == 'rollback-production'", Text(workflow, "jobs", "rollback-production", "if"), StringComparison.Ordinal);
        Assert.Contains("inputs.operation == 'release'", Text(workflow, "jobs", "production", "if"), StringComparison.Ordinal);
        Assert.Equal("github.event_name == 'pull_request'", Text(workflow, "jobs", "rehearsal", "if"));
    }

    [Fact]
    public void GitLab_publishes_junit_serialises_deploys_and_makes_production_a_blocking_manual_job()
    {
        var document = Yaml(GitLabCiGenerator.Generate(Plan));

        Assert.Equal("artifacts/test-results/*.junit.xml", ((YamlSequenceNode)At(document, "test", "artifacts", "reports", "junit")).Children.Cast<YamlScalarNode>().Single().Value);
        Assert.Equal("deploy-production", Text(document, "production", "resource_group"));
        Assert.Equal("production", Text(document, "production", "environment", "name"));
        var rule = (YamlMappingNode)((YamlSequenceNode)At(document, "production", "rules")).Children.Single();
        Assert.Equal("manual", Text(rule, "when"));
        Assert.Equal("false", Text(rule, "allow_failure"));
        Assert.False(Has(((YamlSequenceNode)At(document, "staging", "rules")).Children.Single(), "when"));
        Assert.Equal("deploy", ((YamlSequenceNode)At(document, "production", "tags")).Children.Cast<YamlScalarNode>().Single().Value);
        var rollback = (YamlMappingNode)((YamlSequenceNode)At(document, "rollback-production", "rules")).Children.Single();
        Assert.Equal("manual", Text(rollback, "when"));
        Assert.Equal("true", Text(rollback, "allow_failure"));
    }

    [Fact]
    public void GitLab_production_takes_the_image_from_build_image_and_not_the_reports_of_staging()
    {
        var needs = ((YamlSequenceNode)At(Yaml(GitLabCiGenerator.Generate(Plan)), "production", "needs")).Children
            .ToDictionary(need => Text(need, "job"), need => Text(need, "artifacts"));

        Assert.Equal(new Dictionary<string, string> { ["build-image"] = "true", ["staging"] = "false" }, needs);
    }

    [Fact]
    public void GitLab_variables_are_quoted_strings()
    {
        var text = GitLabCiGenerator.Generate(Plan);

        Assert.Contains("DOTNET_NOLOGO: \"true\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Jenkins_asks_the_listed_submitters_before_production_without_an_agent_and_binds_credentials_only_on_main()
    {
        var jenkinsfile = JenkinsfileGenerator.Generate(Plan);

        var approve = jenkinsfile.IndexOf("stage('approve production')", StringComparison.Ordinal);
        Assert.True(approve > jenkinsfile.IndexOf("stage('staging')", StringComparison.Ordinal));
        Assert.True(approve < jenkinsfile.IndexOf("stage('production')", StringComparison.Ordinal));
        var approval = jenkinsfile[approve..jenkinsfile.IndexOf("stage('production')", StringComparison.Ordinal)];
        Assert.DoesNotContain("agent", approval, StringComparison.Ordinal);
        Assert.Contains("timeout(time: 7, unit: 'DAYS')", approval, StringComparison.Ordinal);
        Assert.Contains("submitter: 'alice,release-managers'", approval, StringComparison.Ordinal);
        Assert.Contains("env.SHIPGATE_APPROVED_BY = input(", approval, StringComparison.Ordinal);
        Assert.Contains("    agent none\n", jenkinsfile, StringComparison.Ordinal);
        Assert.DoesNotContain("disableConcurrentBuilds()", jenkinsfile, StringComparison.Ordinal);
        var buildImage = jenkinsfile[jenkinsfile.IndexOf("stage('build-image')", StringComparison.Ordinal)..jenkinsfile.IndexOf("stage('staging')", StringComparison.Ordinal)];
        Assert.Contains("branch 'main'", buildImage, StringComparison.Ordinal);
        Assert.Contains("beforeOptions true", buildImage, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_PASSWORD = credentials('registry-password')", buildImage, StringComparison.Ordinal);
        Assert.Contains("stash name: 'build-image-artifacts-image', includes: 'artifacts/image/**'", buildImage, StringComparison.Ordinal);
        Assert.Contains("lock(resource: \"${env.JOB_NAME}-deploy-production\")", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("junit testResults: 'stage-archive/test/artifacts/test-results/*.junit.xml'", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("sh './build.sh Deploy Verify --environment production --skip Restore Compile Lint Test Image Push'", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("expression { (params.OPERATION ?: 'release') == 'rollback-production' }", jenkinsfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Stale_files_are_named_with_the_first_differing_line()
    {
        var root = Directory.CreateTempSubdirectory("shipgate-ci-").FullName;
        try
        {
            var files = CiFiles.Generate(Plan);
            Assert.Equal(3, CiFiles.FindStale(root, files).Count);

            CiFiles.Write(root, files);
            Assert.Empty(CiFiles.FindStale(root, files));

            var jenkinsfile = Path.Combine(root, "Jenkinsfile");
            File.WriteAllText(jenkinsfile, File.ReadAllText(jenkinsfile).Replace("timestamps()", "// edited by hand", StringComparison.Ordinal));
            var stale = Assert.Single(CiFiles.FindStale(root, files));
            var line = Array.FindIndex(files[2].Content.Split('\n'), l => l.Contains("timestamps()", StringComparison.Ordinal)) + 1;
            Assert.StartsWith($"Jenkinsfile:{line} is stale: expected 'timestamps()', found '// edited by hand'", stale, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
