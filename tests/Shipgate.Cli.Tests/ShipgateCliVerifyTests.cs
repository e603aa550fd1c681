using System.Diagnostics;

namespace Shipgate.Cli.Tests;

/// <summary>`shipgate verify` and `lint --prometheus` against a real Prometheus scraping a real exporter: exit codes, messages, reports.</summary>
public sealed class ShipgateCliVerifyTests(CliStackFixture stack) : CliRun, IClassFixture<CliStackFixture>
{
    private Task<(int Code, string Output, string Error)> Verify(string service, params string[] extra) =>
        Run([.. new[] { "verify", "--gates", GatesFile(SampleGates), "--prometheus", stack.PrometheusUrl.ToString(), "--service", service, "--version", "v2", "--baseline-version", "v1" }, .. extra]);

    [Fact]
    public async Task Lint_of_the_deploy_gates_file_against_Prometheus_parses_every_query()
    {
        var (code, output, error) = await Run("lint", Path.Combine(RepositoryPaths.Root, "deploy", "gates.yaml"), "--prometheus", stack.PrometheusUrl.ToString());
        Assert.True(code == ExitCodes.Pass, error);
        Assert.Contains("every query parsed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_against_Prometheus_refuses_an_error_matcher_whose_label_the_metric_does_not_have()
    {
        var path = GatesFile("gates:\n  - {name: error-rate, kind: errorRate, metric: modelservice_requests_total, errors: 'cod=~\"5..\"', max: 0.05}\n", "typo.yaml");
        var (code, _, error) = await Run("lint", path, "--prometheus", stack.PrometheusUrl.ToString());
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("gate 'error-rate': the error matcher `cod=~\"5..\"` needs label 'cod'", error, StringComparison.Ordinal);
        Assert.Contains("code", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_PromQL_exits_3_before_anything_is_measured_on_Prometheus()
    {
        var path = GatesFile("gates:\n  - {name: broken, kind: threshold, query: 'sum(up', max: 1, interval: 1s, count: 1}\n", "broken.yaml");
        var (code, output, error) = await Run("verify", "--gates", path, "--prometheus", stack.PrometheusUrl.ToString(), "--service", "healthy", "--version", "v2");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("gate 'broken'", error, StringComparison.Ordinal);
        Assert.Contains("parse error", error, StringComparison.Ordinal);
        Assert.DoesNotContain("verdict", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_healthy_release_exits_0_and_writes_every_report_on_Prometheus()
    {
        var reports = Path.Combine(Directory, "reports");
        var (code, output, error) = await Verify("healthy", "--report", reports);

        Assert.True(code == ExitCodes.Pass, output + error);
        Assert.Contains("verdict: Pass (action: Promote)", output, StringComparison.Ordinal);
        foreach (var file in new[] { "report.json", "summary.md", "junit.xml", "charts/error-rate.png", "charts/prediction-drift.png" })
            Assert.True(File.Exists(Path.Combine(reports, file)), file);
    }

    [Fact]
    public async Task An_error_rate_regression_exits_1_on_Prometheus()
    {
        var (code, output, _) = await Verify("errors");
        Assert.Equal(ExitCodes.Fail, code);
        Assert.Contains("error-rate: Fail", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_traffic_exits_2_inconclusive_on_Prometheus()
    {
        var (code, output, error) = await Verify("idle", "--inconclusive-policy", "pause");
        Assert.Equal(ExitCodes.Inconclusive, code);
        Assert.Contains("verdict: Inconclusive (action: Pause)", output, StringComparison.Ordinal);
        Assert.Contains("pause for a release manager", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_interrupted_verification_exits_2_with_the_partial_report_on_Prometheus()
    {
        var slow = GatesFile(SampleGates.Replace("count: 2", "count: 30", StringComparison.Ordinal), "slow.yaml");
        var reports = Path.Combine(Directory, "partial");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var (code, output, error) = await Run(cancel.Token,
            "verify", "--gates", slow, "--prometheus", stack.PrometheusUrl.ToString(), "--service", "healthy", "--version", "v2", "--baseline-version", "v1", "--report", reports);

        Assert.True(code == ExitCodes.Inconclusive, output + error);
        Assert.Contains("interrupted before a verdict", error, StringComparison.Ordinal);
        Assert.Contains("verdict: Inconclusive", output, StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(reports, "report.json"));
        Assert.Contains("interrupted before it decided", report, StringComparison.Ordinal);
        Assert.Contains("\"phase\": \"pass\"", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_window_option_wins_over_the_files_defaults_and_says_so_on_Prometheus()
    {
        var (code, output, error) = await Verify("healthy", "--window", "8s");
        Assert.True(code == ExitCodes.Pass, output + error);
        Assert.Contains("window: 8s from --window (the file's defaults say 10s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SIGTERM_to_the_shipgate_process_exits_2_with_the_partial_report_on_Prometheus()
    {
        var slow = GatesFile(SampleGates.Replace("count: 2", "count: 30", StringComparison.Ordinal), "sigterm.yaml");
        var reports = Path.Combine(Directory, "sigterm");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "shipgate.dll"), "verify", "--gates", slow, "--prometheus", stack.PrometheusUrl.ToString(), "--service", "healthy", "--version", "v2", "--report", reports })
            start.ArgumentList.Add(arg);
        using var process = new Process { StartInfo = start };
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        var measuring = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
                output.AppendLine(e.Data);
            if (e.Data?.Contains(" error-rate ", StringComparison.Ordinal) == true)
                measuring.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
                error.AppendLine(e.Data);
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Once it measures, terminate it the way a CI runner cancels a job.
        await measuring.Task.WaitAsync(TimeSpan.FromSeconds(60));
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var told = $"exit {process.ExitCode}\n{output}\n{error}";
        Assert.True(process.ExitCode == ExitCodes.Inconclusive, told);
        Assert.DoesNotContain("Unhandled exception", told, StringComparison.Ordinal);
        Assert.Contains("interrupted before a verdict", told, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(reports, "report.json")), told);
    }
}
