using Serilog;
using Serilog.Events;
using Serilog.Parsing;
using Shipgate.Pipeline.Hosts;

namespace Shipgate.Pipeline.Tests.Hosts;

public class HostOutputTests
{
    private static LogEvent Event(LogEventLevel level, string text, string? target = null)
    {
        var properties = target is null ? [] : new[] { new LogEventProperty("Target", new ScalarValue(target)) };
        return new LogEvent(DateTimeOffset.UnixEpoch, level, null, new MessageTemplateParser().Parse(text), properties);
    }

    [Fact]
    public void GitHub_groups_targets_and_annotates_warnings_and_errors_masked_and_escaped()
    {
        var output = new StringWriter();
        var host = new GitHubActionsHost(new Dictionary<string, string>(), output);
        var sink = Assert.Single(host.CreateLogSinks(text => text.Replace("hunter2", "****", StringComparison.Ordinal)));

        using (host.BeginGroup("Compile"))
        {
            sink.Emit(Event(LogEventLevel.Information, "just info"));
            sink.Emit(Event(LogEventLevel.Warning, "slow registry"));
            sink.Emit(Event(LogEventLevel.Error, "push failed with hunter2\n::error::forged", "Push"));
        }

        Assert.Equal(
            "::group::Compile\n::warning::slow registry\n::error title=Push::push failed with ****%0A::error::forged\n::endgroup::\n",
            output.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void GitHub_appends_the_summary_to_the_step_summary_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "earlier step\n");
            var host = new GitHubActionsHost(new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = file }, TextWriter.Null);

            host.WriteSummary("| Target | Status |");

            Assert.Equal("earlier step\n| Target | Status |" + Environment.NewLine, File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void GitLab_opens_and_closes_a_collapsible_section_and_lists_problems_in_the_summary()
    {
        var workspace = Directory.CreateTempSubdirectory("shipgate-gitlab-").FullName;
        try
        {
            var output = new StringWriter();
            var host = new GitLabCiHost(new Dictionary<string, string> { ["CI_PROJECT_DIR"] = workspace, ["CI_JOB_NAME"] = "deploy production" }, output);
            var sink = Assert.Single(host.CreateLogSinks(text => text.Replace("hunter2", "****", StringComparison.Ordinal)));

            using (host.BeginGroup("Deploy"))
                sink.Emit(Event(LogEventLevel.Error, "gate failed, token hunter2"));
            host.WriteSummary("| Target | Status |");

            var lines = output.ToString().Split(Environment.NewLine);
            Assert.Matches(@"^\u001b\[0Ksection_start:\d+:shipgate_1\[collapsed=true\]\r\u001b\[0KDeploy$", lines[0]);
            Assert.Matches(@"^\u001b\[0Ksection_end:\d+:shipgate_1\r\u001b\[0K$", lines[1]);
            Assert.Equal("### Warnings and errors\n\n- error: gate failed, token ****\n\n| Target | Status |",
                File.ReadAllText(Path.Combine(workspace, "artifacts", "ci-summary", "deploy-production.md")));
        }
        finally
        {
            Directory.Delete(workspace, recursive: true);
        }
    }

    [Fact]
    public void Serilog_pipeline_feeds_the_GitHub_sink()
    {
        var output = new StringWriter();
        var host = new GitHubActionsHost(new Dictionary<string, string>(), output);
        using (var logger = new LoggerConfiguration().WriteTo.Sink(host.CreateLogSinks(text => text)[0]).CreateLogger())
            logger.Warning("Gate {Gate} inconclusive", "latency");

        Assert.Equal("::warning::Gate \"latency\" inconclusive", output.ToString().Trim());
    }
}
