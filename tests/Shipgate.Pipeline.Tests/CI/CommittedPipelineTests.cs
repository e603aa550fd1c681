using System.IO.Enumeration;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Pipeline.Tests.CI;

/// <summary>
/// This repository's committed CI files, played through the model of each platform: what each job waits for, what it
/// downloads, uploads, stashes, and what its exact command runs (<c>./build.sh … --plan</c>, which refuses an unmet
/// requirement). Each test names the break of the review (../shared/reviews/ci-2026-12-01.md) it would have caught;
/// on the files that review read, each of them fails. GitHub and Jenkins have no runner here, so this is their proof.
/// </summary>
public sealed partial class CommittedPipelineTests
{
    private static readonly string Root = CiLintTools.RepositoryRoot();
    private static readonly Lazy<YamlMappingNode> GitLab = new(() => Load(".gitlab-ci.yml"));
    private static readonly Lazy<YamlMappingNode> GitHub = new(() => Load(".github/workflows/release.yml"));
    private static readonly Lazy<string> Jenkins = new(() => File.ReadAllText(Path.Combine(Root, "Jenkinsfile")));

    // What every deploy job runs again on purpose: its own targets, what prepares the runner, the release's summary.
    private static readonly string[] RunAgain = ["Up", "Deploy", "Verify", "ReleaseSummary"];

    private static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(Root, path))));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode? Get(YamlNode node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
                return null;
            node = next;
        }

        return node;
    }

    private static string? Text(YamlNode node, params string[] path) => (Get(node, path) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Items(YamlNode node, params string[] path) => Get(node, path) is YamlSequenceNode list ? list.Children : [];

    /// <summary>GitLab's jobs: every top-level mapping with a script.</summary>
    private static Dictionary<string, YamlMappingNode> GitLabJobs() => GitLab.Value.Children
        .Where(entry => entry.Value is YamlMappingNode job && Get(job, "script") is not null)
        .ToDictionary(entry => ((YamlScalarNode)entry.Key).Value!, entry => (YamlMappingNode)entry.Value);

    private static List<(string Job, bool Artifacts)> GitLabNeeds(YamlMappingNode job) =>
        Items(job, "needs").Select(need => need is YamlScalarNode name ? (name.Value!, true) : (Text(need, "job")!, Text(need, "artifacts") != "false")).ToList();

    private static HashSet<string> Closure(string job, Func<string, IEnumerable<string>> needs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(needs(job));
        while (pending.TryPop(out var next))
            if (seen.Add(next))
                foreach (var need in needs(next))
                    pending.Push(need);
        return seen;
    }

    private static bool Deploys(YamlMappingNode job) => Get(job, "environment") is not null;

    /// <summary>The variables and secrets the file's header declares for a job (what the platform must provide).</summary>
    private static List<string> Declared(string file, string job) => HeaderEntry().Matches(file)
        .Where(match => match.Groups[1].Value == job)
        .SelectMany(match => match.Groups[2].Value.Split(", ").Select(name => name.TrimStart('$')))
        .ToList();

    [GeneratedRegex(@"^#   ([a-z][a-z0-9-]*): (.+)$", RegexOptions.Multiline)]
    private static partial Regex HeaderEntry();

    [GeneratedRegex(@"^\s+\d+\. (\w+)", RegexOptions.Multiline)]
    private static partial Regex PlannedStep();

    /// <summary>./build.sh COMMAND --plan with only the job's declared variables and secrets (placeholder values).</summary>
    private static ProcessRun Plan(string command, IEnumerable<string> variables)
    {
        var environment = variables.ToDictionary(name => name, name => name switch
        {
            _ when name.EndsWith("_DOCKER_HOST", StringComparison.Ordinal) => "tcp://127.0.0.1:2376",
            "REGISTRY_HOST" => "127.0.0.1:5000",
            _ when name.EndsWith("_URL", StringComparison.Ordinal) => "http://127.0.0.1:9090",
            _ => $"/ci/{name.ToLowerInvariant()}",
        });
        environment["CI_COMMIT_SHA"] = "0123456789abcdef0123456789abcdef01234567";
        // A clean environment: only what a runner has, plus what the header says the platform provides.
        var arguments = new[] { "-i", $"PATH={Environment.GetEnvironmentVariable("PATH")}", $"HOME={Environment.GetEnvironmentVariable("HOME")}", "CI=true" }
            .Concat(environment.Select(pair => $"{pair.Key}={pair.Value}"))
            .Concat(["bash", "-c", command + " --plan"]);
        return ProcessRun.Start("env", arguments, Root, TimeSpan.FromMinutes(10));
    }

    private static string Script(YamlMappingNode job) => ((YamlScalarNode)Items(job, "script").Single()).Value!;

    [Fact]
    public void X1_X4_every_GitLab_job_command_passes_the_requirement_check_with_only_the_variables_its_header_declares()
    {
        var file = File.ReadAllText(Path.Combine(Root, ".gitlab-ci.yml"));
        foreach (var (name, job) in GitLabJobs())
        {
            var result = Plan(Script(job), Declared(file, name));
            Assert.True(result.ExitCode == 0, $"{name}: {Script(job)} --plan\n{result.Output}");
        }

        // The check bites: staging without one of its declared variables is refused before anything runs.
        var staging = GitLabJobs()["staging"];
        var missing = Plan(Script(staging), Declared(file, "staging").Where(v => v != "STAGING_PROMETHEUS_URL"));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("STAGING_PROMETHEUS_URL", missing.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void X8_no_deploy_job_runs_a_target_an_earlier_job_ran_and_none_compiles_the_solution()
    {
        var file = File.ReadAllText(Path.Combine(Root, ".gitlab-ci.yml"));
        var jobs = GitLabJobs();
        var runs = jobs.ToDictionary(job => job.Key, job =>
        {
            var plan = Plan(Script(job.Value), Declared(file, job.Key));
            Assert.True(plan.ExitCode == 0, plan.Output);
            return PlannedStep().Matches(plan.Output).Select(match => match.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        });

        foreach (var (name, job) in jobs.Where(job => Deploys(job.Value) && Get(job.Value, "needs") is not null))
        {
            var earlier = Closure(name, id => jobs.TryGetValue(id, out var j) ? GitLabNeeds(j).Select(n => n.Job) : []).SelectMany(id => runs[id]);
            Assert.Empty(runs[name].Intersect(earlier).Except(RunAgain));
            Assert.DoesNotContain("Compile", runs[name]);
            Assert.DoesNotContain("Restore", runs[name]);
        }
    }

    [Fact]
    public void X2_L2_every_GitLab_deploy_downloads_every_artifact_made_upstream_and_no_other_deploys_reports()
    {
        var jobs = GitLabJobs();
        static bool Produces(YamlMappingNode job) => Items(job, "artifacts", "paths").Any(path => ((YamlScalarNode)path).Value == "artifacts/image");
        foreach (var (name, job) in jobs.Where(job => Deploys(job.Value) && Get(job.Value, "needs") is not null))
        {
            var needs = GitLabNeeds(job);
            foreach (var upstream in Closure(name, id => jobs.TryGetValue(id, out var j) ? GitLabNeeds(j).Select(n => n.Job) : []))
            {
                if (Produces(jobs[upstream]))
                    Assert.Contains((upstream, true), needs);
                else if (needs.Any(need => need.Job == upstream))
                    Assert.Contains((upstream, false), needs); // with needs GitLab hands on the listed jobs' artifacts only, reports too
            }
        }
    }

    [Fact]
    public void X2_G1_every_GitHub_deploy_downloads_every_artifact_uploaded_upstream_and_uploads_survive_a_rerun()
    {
        var jobs = ((YamlMappingNode)Get(GitHub.Value, "jobs")!).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => (YamlMappingNode)e.Value);
        IEnumerable<YamlNode> Steps(string job) => Items(jobs[job], "steps");
        IEnumerable<string> Uses(string job, string action, string condition) => Steps(job)
            .Where(step => Text(step, "uses")?.StartsWith(action, StringComparison.Ordinal) == true && (condition.Length == 0 || Text(step, "if") == condition))
            .Select(step => Text(step, "with", "name")!);
        IEnumerable<string> Needs(string job) => Items(jobs[job], "needs").Select(n => ((YamlScalarNode)n).Value!);

        foreach (var job in jobs.Keys)
            Assert.All(Steps(job).Where(s => Text(s, "uses")?.StartsWith("actions/upload-artifact", StringComparison.Ordinal) == true), s => Assert.Equal("true", Text(s, "with", "overwrite")));
        foreach (var deploy in jobs.Keys.Where(job => Get(jobs[job], "environment") is not null && Needs(job).Any()))
        {
            var upstream = Closure(deploy, Needs);
            var made = upstream.SelectMany(job => Uses(job, "actions/upload-artifact", "success()")).ToList();
            Assert.NotEmpty(made);
            Assert.Equal(made.Order(), Uses(deploy, "actions/download-artifact", "").Order());
            // A download needs its producer upstream in the same run.
            Assert.All(Uses(deploy, "actions/download-artifact", ""), name => Assert.Contains(upstream, job => Uses(job, "actions/upload-artifact", "success()").Contains(name)));
        }
    }

    [Fact]
    public void X2_J5_every_Jenkins_deploy_unstashes_what_earlier_stages_stashed_in_a_cleaned_workspace()
    {
        var stages = JenkinsStage().Matches(Jenkins.Value).Select(match => (Name: match.Groups[1].Value, Body: match.Groups[2].Value)).ToList();
        var stashed = new List<string>();
        foreach (var (name, body) in stages)
        {
            if (body.Contains("lock(resource:", StringComparison.Ordinal) && !name.StartsWith("promote", StringComparison.Ordinal) && !name.StartsWith("rollback", StringComparison.Ordinal))
            {
                Assert.NotEmpty(stashed);
                Assert.All(stashed, stash => Assert.Contains($"unstash '{stash}'", body, StringComparison.Ordinal));
            }

            if (body.Contains("sh './build.sh", StringComparison.Ordinal))
                Assert.Contains("sh 'git clean -fdx", body, StringComparison.Ordinal);
            stashed.AddRange(StashName().Matches(body).Select(match => match.Groups[1].Value));
        }
    }

    [Fact]
    public void J5_no_two_Jenkins_stages_archive_or_record_a_report_under_the_same_path()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, body) in JenkinsStage().Matches(Jenkins.Value).Select(match => (match.Groups[1].Value, match.Groups[2].Value)))
        {
            foreach (var path in ArchivedPaths().Matches(body).SelectMany(match => match.Groups[1].Value.Split(',')).Distinct(StringComparer.Ordinal))
            {
                Assert.False(owners.TryGetValue(path, out var other), $"stages '{other}' and '{name}' both archive {path}: the later overwrites the earlier in the build's archive");
                owners[path] = name;
            }
        }

        Assert.Contains(owners.Keys, path => path.EndsWith("/artifacts/reports/junit.xml", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"(?:archiveArtifacts artifacts|junit testResults): '([^']+)'")]
    private static partial Regex ArchivedPaths();

    [GeneratedRegex(@"^        stage\('([^']+)'\) \{\n(.*?)^        \}\n", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex JenkinsStage();

    [GeneratedRegex(@"stash name: '([^']+)'")]
    private static partial Regex StashName();

    [Fact]
    public void X5_every_deploy_job_gets_the_registry_user_with_the_password()
    {
        foreach (var file in new[] { ".gitlab-ci.yml", ".github/workflows/release.yml", "Jenkinsfile" })
        {
            var text = File.ReadAllText(Path.Combine(Root, file));
            foreach (var job in new[] { "build-image", "staging", "production" })
            {
                var secrets = string.Join(' ', Declared(text.Replace("// ", "# ", StringComparison.Ordinal), job));
                Assert.Contains("REGISTRY_PASSWORD", secrets, StringComparison.Ordinal);
                Assert.Contains("REGISTRY_USERNAME", secrets, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public void X6_the_gate_junit_path_of_every_deploy_job_matches_the_report_the_release_writes()
    {
        foreach (var (name, job) in GitLabJobs().Where(job => Deploys(job.Value) && Get(job.Value, "artifacts", "reports", "junit") is not null))
            Assert.All(Items(job, "artifacts", "reports", "junit"), glob =>
                Assert.True(FileSystemName.MatchesSimpleExpression(((YamlScalarNode)glob).Value!, "artifacts/reports/junit.xml"), $"{name}: {glob} never matches artifacts/reports/junit.xml"));
    }

    [Fact]
    public void X7_J1_J3_images_and_secrets_never_reach_pull_request_jobs()
    {
        Assert.Contains("github.event_name != 'pull_request'", Text(GitHub.Value, "jobs", "build-image", "if"), StringComparison.Ordinal);
        Assert.Equal("$CI_COMMIT_BRANCH == \"main\"", Text(Items(GitLabJobs()["build-image"], "rules").Single(), "if"));
        foreach (var (name, body) in JenkinsStage().Matches(Jenkins.Value).Select(match => (match.Groups[1].Value, match.Groups[2].Value)))
        {
            if (!body.Contains("credentials(", StringComparison.Ordinal) && !body.Contains("lock(", StringComparison.Ordinal))
                continue;
            Assert.True(body.Contains("branch 'main'", StringComparison.Ordinal) && body.Contains("beforeOptions true", StringComparison.Ordinal) && body.Contains("beforeAgent true", StringComparison.Ordinal),
                $"stage {name} binds credentials or takes a deploy lock without being limited to main before its agent and options");
        }
    }

    [Fact]
    public void X3_L1_J8_every_job_runs_on_a_runner_that_has_its_tools_and_deploys_never_where_pull_requests_run()
    {
        var gitlab = GitLabJobs();
        Assert.All(gitlab, job => Assert.True(Get(job.Value, "tags") is not null || Get(job.Value, "image") is not null, $"{job.Key}: no tags and no image (GitLab.com's default image has no Docker)"));
        var untrusted = gitlab.Where(job => Get(job.Value, "environment") is null && Get(job.Value, "rules") is null).SelectMany(job => Items(job.Value, "tags")).Select(t => ((YamlScalarNode)t).Value).ToHashSet();
        var deploy = gitlab.Where(job => Deploys(job.Value)).SelectMany(job => Items(job.Value, "tags")).Select(t => ((YamlScalarNode)t).Value).ToHashSet();
        Assert.Empty(untrusted.Intersect(deploy));

        var github = (YamlMappingNode)Get(GitHub.Value, "jobs")!;
        foreach (var (name, job) in github.Children.Select(e => (((YamlScalarNode)e.Key).Value!, e.Value)))
        {
            if (Text(job, "runs-on") != "ubuntu-latest")
                continue;
            var runs = Items(job, "steps").Select(step => Text(step, "run") ?? "").ToList();
            Assert.True(runs.Any(run => run.Contains("install-prerequisites.sh", StringComparison.Ordinal)), $"{name} runs on a hosted runner without installing the prerequisites");
        }

        Assert.DoesNotContain("agent any", Jenkins.Value, StringComparison.Ordinal);
        Assert.Contains("    agent none\n", Jenkins.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void G5_G6_GitHub_grants_write_only_to_deploy_jobs_keeps_the_token_out_of_git_and_uses_current_action_majors()
    {
        Assert.Equal(["contents"], ((YamlMappingNode)Get(GitHub.Value, "permissions")!).Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        var text = File.ReadAllText(Path.Combine(Root, ".github/workflows/release.yml"));
        Assert.DoesNotMatch(@"actions/(checkout|setup-dotnet|upload-artifact|download-artifact)@v4", text);
        var jobs = (YamlMappingNode)Get(GitHub.Value, "jobs")!;
        foreach (var job in jobs.Children.Values)
        {
            Assert.Equal(Get(job, "environment") is not null, Get(job, "permissions", "deployments") is not null);
            Assert.Equal("false", Text(Items(job, "steps").First(), "with", "persist-credentials"));
        }
    }

    [Fact]
    public void J2_J4_the_Jenkins_approval_waits_without_an_agent_with_a_timeout_and_locks_are_per_job()
    {
        var approval = JenkinsStage().Matches(Jenkins.Value).Single(match => match.Groups[1].Value == "approve production").Groups[2].Value;
        Assert.DoesNotContain("agent", approval, StringComparison.Ordinal);
        Assert.Contains("timeout(time: 7, unit: 'DAYS')", approval, StringComparison.Ordinal);
        Assert.Contains("milestone(", approval, StringComparison.Ordinal);
        Assert.DoesNotContain("disableConcurrentBuilds()", Jenkins.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("lock(resource: 'deploy-", Jenkins.Value, StringComparison.Ordinal);
        Assert.Contains("lock(resource: \"${env.JOB_NAME}-deploy-production\")", Jenkins.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void L5_GitLab_variables_are_strings_for_every_GitLab_version()
    {
        Assert.Contains("  DOTNET_NOLOGO: \"true\"\n", File.ReadAllText(Path.Combine(Root, ".gitlab-ci.yml")), StringComparison.Ordinal);
    }
}
