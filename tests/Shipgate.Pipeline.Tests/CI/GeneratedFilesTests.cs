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

    [Fact]
    public void GitHub_has_one_job_per_stage_each_invoking_build_sh()
    {
        var jobs = (YamlMappingNode)At(Yaml(GitHubWorkflowGenerator.Generate(Plan)), "jobs");

        Assert.Equal(["lint", "test", "build-image", "staging", "production"], jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var runs = jobs.Children.Values.Select(job => ((YamlSequenceNode)At(job, "steps")).OfType<YamlMappingNode>()
            .Where(step => Has(step, "run") && Text(step, "run").StartsWith("./build.sh", StringComparison.Ordinal)).Select(step => Text(step, "run")).Single());
        // Each job skips what the stages before it ran; their results arrive as artifacts.
        Assert.Equal(
            [
                "./build.sh Lint",
                "./build.sh Test --skip Lint",
                "./build.sh Image Push --skip Lint Test",
                "./build.sh Deploy Verify --environment staging --skip Lint Test Image Push",
                "./build.sh Deploy Verify --environment production --skip Lint Test Image Push",
            ],
            runs);
    }

    [Fact]
    public void GitHub_deploys_are_bound_to_their_environment_serialised_and_only_from_main()
    {
        var production = At(Yaml(GitHubWorkflowGenerator.Generate(Plan)), "jobs", "production");

        Assert.Equal("production", Text(production, "environment", "name"));
        Assert.Equal("deploy-production", Text(production, "concurrency", "group"));
        Assert.Equal("false", Text(production, "concurrency", "cancel-in-progress"));
        Assert.Contains("refs/heads/main", Text(production, "if"), StringComparison.Ordinal);
        Assert.Equal("${{ secrets.PROMETHEUS_TOKEN }}", Text(production, "env", "PROMETHEUS_TOKEN"));
    }

    [Fact]
    public void GitHub_hands_the_image_artifact_to_the_deploy_and_publishes_the_markdown_report_to_the_job_summary()
    {
        var jobs = At(Yaml(GitHubWorkflowGenerator.Generate(Plan)), "jobs");
        var uploads = ((YamlSequenceNode)At(jobs, "build-image", "steps")).OfType<YamlMappingNode>().Where(s => Has(s, "uses") && Text(s, "uses").StartsWith("actions/upload-artifact", StringComparison.Ordinal));
        var downloads = ((YamlSequenceNode)At(jobs, "staging", "steps")).OfType<YamlMappingNode>().Where(s => Has(s, "uses") && Text(s, "uses").StartsWith("actions/download-artifact", StringComparison.Ordinal));
        var summary = ((YamlSequenceNode)At(jobs, "staging", "steps")).OfType<YamlMappingNode>().Single(s => Has(s, "name") && Text(s, "name") == "Job summary");

        Assert.Equal(Text(uploads.Single(), "with", "name"), Text(downloads.Single(), "with", "name"));
        Assert.Equal("artifacts/image", Text(downloads.Single(), "with", "path"));
        Assert.Contains("artifacts/reports/*.md", Text(summary, "run"), StringComparison.Ordinal);
        Assert.Contains("$GITHUB_STEP_SUMMARY", Text(summary, "run"), StringComparison.Ordinal);
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
        Assert.Equal(".nuget/packages/", ((YamlSequenceNode)At(document, "default", "cache", "paths")).Children.Cast<YamlScalarNode>().Single().Value);
    }

    [Fact]
    public void Jenkins_asks_the_listed_submitters_before_production_and_binds_credentials_by_id()
    {
        var jenkinsfile = JenkinsfileGenerator.Generate(Plan);

        var approve = jenkinsfile.IndexOf("stage('approve production')", StringComparison.Ordinal);
        Assert.True(approve > jenkinsfile.IndexOf("stage('staging')", StringComparison.Ordinal));
        Assert.True(approve < jenkinsfile.IndexOf("stage('production')", StringComparison.Ordinal));
        Assert.Contains("submitter: 'alice,release-managers'", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("env.SHIPGATE_APPROVED_BY = input(", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_PASSWORD = credentials('registry-password')", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("lock(resource: 'deploy-production')", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("disableConcurrentBuilds()", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("junit testResults: 'artifacts/test-results/*.junit.xml'", jenkinsfile, StringComparison.Ordinal);
        Assert.Contains("sh './build.sh Deploy Verify --environment production --skip Lint Test Image Push'", jenkinsfile, StringComparison.Ordinal);
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
            File.WriteAllText(jenkinsfile, File.ReadAllText(jenkinsfile).Replace("disableConcurrentBuilds()", "// edited by hand", StringComparison.Ordinal));
            var stale = Assert.Single(CiFiles.FindStale(root, files));
            var line = Array.FindIndex(files[2].Content.Split('\n'), l => l.Contains("disableConcurrentBuilds()", StringComparison.Ordinal)) + 1;
            Assert.StartsWith($"Jenkinsfile:{line} is stale: expected 'disableConcurrentBuilds()', found '// edited by hand'", stale, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
