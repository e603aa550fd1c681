using System.Diagnostics;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Shipgate.Core.Secrets;
using Shipgate.Pipeline.Tests.Parameters;
using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline.Tests.Tooling;

public sealed class ProcessRunnerTests
{
    private readonly CollectingSink _log = new();
    private readonly SecretMasker _masker = new();
    private readonly ProcessRunner _runner;

    public ProcessRunnerTests() =>
        _runner = new ProcessRunner(new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(_log).CreateLogger(), _masker);

    [Fact]
    public async Task Streams_both_outputs_into_the_log_and_returns_them()
    {
        var result = await _runner.RunAsync("sh", ["-c", "echo out1; echo err1 >&2; echo out2"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("out1\nout2", result.StandardOutput);
        Assert.Equal("err1", result.StandardError);
        var lines = _log.Events.Where(e => e.Properties.ContainsKey("Stream")).ToList();
        // The two streams are read concurrently: order holds within a stream, not across them.
        Assert.Equal(["err1", "out1", "out2"], lines.Select(e => e.RenderMessage()).Order(StringComparer.Ordinal));
        Assert.Contains(lines, e => e.RenderMessage() == "err1" && e.Properties["Stream"].ToString() == "\"stderr\"");
        Assert.All(lines, e => Assert.Equal("\"sh\"", e.Properties["Tool"].ToString()));
        Assert.Contains(_log.Events, e => e.RenderMessage() == "> sh -c 'echo out1; echo err1 >&2; echo out2'");
    }

    [Fact]
    public async Task A_child_never_inherits_a_variable_that_carries_a_secret_unless_it_is_given_explicitly()
    {
        const string Name = "SHIPGATE_PROCESS_RUNNER_TEST_PASSWORD";
        const string Plain = "SHIPGATE_PROCESS_RUNNER_TEST_PLAIN";
        Environment.SetEnvironmentVariable(Name, "hunter2-registry-password");
        Environment.SetEnvironmentVariable(Plain, "not-a-secret");
        try
        {
            _masker.Register("hunter2-registry-password");
            var script = $"echo ${{{Name}:-absent}} ${{{Plain}:-absent}}";

            var inherited = await _runner.RunAsync("sh", ["-c", script]);
            var given = await _runner.RunAsync(new ToolInvocation("sh", ["-c", script]) { Environment = new Dictionary<string, string?> { [Name] = "hunter2-registry-password" } });

            Assert.Equal("absent not-a-secret", inherited.StandardOutput);
            Assert.Equal("hunter2-registry-password not-a-secret", given.StandardOutput);
            // What a library's own process runner (the image build's) is told to withhold.
            Assert.Contains(Name, _runner.SecretCarryingVariables());
            Assert.DoesNotContain(Plain, _runner.SecretCarryingVariables());
        }
        finally
        {
            Environment.SetEnvironmentVariable(Name, null);
            Environment.SetEnvironmentVariable(Plain, null);
        }
    }

    [Fact]
    public async Task Arguments_reach_the_tool_intact_without_a_shell()
    {
        string[] tricky = ["a b", "it's", "$HOME", "*", "\"quoted\"", "semi;colon", ""];

        var result = await _runner.RunAsync("sh", ["-c", "for a in \"$@\"; do echo \"[$a]\"; done", "sh", .. tricky]);

        Assert.Equal(tricky.Select(a => $"[{a}]"), result.Output.Select(l => l.Text));
    }

    [Fact]
    public async Task Environment_and_working_directory_are_applied()
    {
        using var root = new TemporaryRoot();
        Environment.SetEnvironmentVariable("SHIPGATE_RUNNER_TEST_REMOVED", "still-here");
        var invocation = new ToolInvocation("sh", ["-c", "pwd; echo \"$ADDED\"; echo \"[${SHIPGATE_RUNNER_TEST_REMOVED-unset}]\""])
        {
            WorkingDirectory = root.Path,
            Environment = new Dictionary<string, string?> { ["ADDED"] = "added-value", ["SHIPGATE_RUNNER_TEST_REMOVED"] = null },
        };

        var result = await _runner.RunAsync(invocation);

        Assert.Equal([root.Path, "added-value", "[unset]"], result.Output.Select(l => l.Text));
    }

    [Fact]
    public async Task Non_zero_exit_names_the_masked_command_line_exit_code_and_the_last_lines_of_each_stream()
    {
        const string password = "hunter2-registry-pw";
        _masker.Register(password);
        var invocation = new ToolInvocation("sh", ["-c", "for i in 1 2 3 4 5; do echo line$i; done; echo \"denied for $1\" >&2; exit 3", "sh", password])
        {
            TailLines = 3,
        };

        var error = await Assert.ThrowsAsync<ProcessFailedException>(() => _runner.RunAsync(invocation));

        Assert.Equal(3, error.ExitCode);
        Assert.Equal("sh -c 'for i in 1 2 3 4 5; do echo line$i; done; echo \"denied for $1\" >&2; exit 3' sh ****", error.CommandLine);
        Assert.Equal(["line3", "line4", "line5"], error.Tail.StandardOutput);
        Assert.Equal(["denied for ****"], error.Tail.StandardError);
        Assert.Equal(["line3", "line4", "line5", "denied for ****"], error.LastLines);
        Assert.StartsWith("Exit code 3: sh -c ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "sh ****. Last lines of standard output:\n  line3\n  line4\n  line5\nLast lines of standard error:\n  denied for ****",
            error.Message,
            StringComparison.Ordinal);
        Assert.DoesNotContain(password, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_written_to_standard_error_before_standard_output_are_quoted_the_same_in_every_run()
    {
        // Written in the opposite order of the message; before the tail kept the streams apart, the quoted
        // order depended on which pipe the runner happened to read first.
        var invocation = new ToolInvocation("sh", ["-c", "echo first-error >&2; echo first-output; echo second-error >&2; exit 1"]);

        var error = await Assert.ThrowsAsync<ProcessFailedException>(() => _runner.RunAsync(invocation));

        Assert.EndsWith(
            "Last lines of standard output:\n  first-output\nLast lines of standard error:\n  first-error\n  second-error",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Non_zero_exit_without_output_says_so()
    {
        var error = await Assert.ThrowsAsync<ProcessFailedException>(() => _runner.RunAsync("sh", ["-c", "exit 4"]));

        Assert.Equal("Exit code 4: sh -c 'exit 4' (no output)", error.Message);
        Assert.Empty(error.LastLines);
    }

    [Fact]
    public async Task Non_zero_exit_is_returned_when_failure_is_allowed()
    {
        var result = await _runner.RunAsync(new ToolInvocation("sh", ["-c", "exit 7"]) { ThrowOnFailure = false });

        Assert.Equal(7, result.ExitCode);
    }

    [Fact]
    public async Task Timeout_kills_the_tool_and_its_children()
    {
        var stopwatch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<ProcessFailedException>(() =>
            _runner.RunAsync(new ToolInvocation("sh", ["-c", "sleep 60 & echo $!; wait"]) { Timeout = TimeSpan.FromMilliseconds(500) }));

        Assert.True(error.TimedOut);
        Assert.Null(error.ExitCode);
        Assert.Contains("Timed out after 00:00:00.5000000", error.Message, StringComparison.Ordinal);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"took {stopwatch.Elapsed}");
        var child = Assert.Single(error.LastLines);
        Assert.False(IsRunning(int.Parse(child, System.Globalization.CultureInfo.InvariantCulture)), $"sleep (pid {child}) outlived the timeout");
    }

    [Fact]
    public async Task Cancellation_kills_the_tool()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _runner.RunAsync("sleep", ["60"], cancellation.Token));
    }

    [Fact]
    public async Task Missing_tool_is_a_clear_error()
    {
        var error = await Assert.ThrowsAsync<ProcessFailedException>(() => _runner.RunAsync("shipgate-no-such-tool", ["--version"]));

        Assert.Contains("Could not start shipgate-no-such-tool (is it installed and on PATH?)", error.Message, StringComparison.Ordinal);
        Assert.Null(error.ExitCode);
    }

    // A killed child may linger briefly as a zombie until its parent is reaped; that is not running.
    private static bool IsRunning(int pid)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var status = $"/proc/{pid}/status";
            if (!File.Exists(status) || File.ReadLines(status).Any(l => l.StartsWith("State:\tZ", StringComparison.Ordinal)))
                return false;
            Thread.Sleep(100);
        }

        return true;
    }

    private sealed class CollectingSink : ILogEventSink
    {
        private readonly List<LogEvent> _events = [];

        public IReadOnlyList<LogEvent> Events
        {
            get
            {
                lock (_events)
                    return [.. _events];
            }
        }

        public void Emit(LogEvent logEvent)
        {
            lock (_events)
                _events.Add(logEvent);
        }
    }
}
