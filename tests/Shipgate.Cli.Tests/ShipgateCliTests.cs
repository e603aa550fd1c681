using Shipgate.Gates.Tests.Integration;

namespace Shipgate.Cli.Tests;

/// <summary>The `shipgate` entry point run in-process: exit codes 0/1/2/3, messages, reports. Verify runs against a real Prometheus.</summary>
public sealed class ShipgateCliTests(CliStackFixture stack) : IClassFixture<CliStackFixture>, IDisposable
{
    private const string SampleGates = """
        defaults:
          interval: 1s
          count: 2
          window: 10s
          minSamples: 200
        gates:
          - name: error-rate
            kind: errorRate
            metric: modelservice_requests_total
            max: 0.03
          - name: p95-latency
            kind: latencyQuantile
            metric: modelservice_request_duration_seconds
            quantile: 0.95
            max: 0.25
          - name: prediction-drift
            kind: drift
            metric: modelservice_prediction_value
            minimumCountPerVersion: 200
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("shipgate-cli-").FullName;

    private string GatesFile(string text, string name = "gates.yaml")
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ShipgateCli.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private Task<(int Code, string Output, string Error)> Verify(string service, params string[] extra) =>
        Run([.. new[] { "verify", "--gates", GatesFile(SampleGates), "--prometheus", stack.PrometheusUrl.ToString(), "--service", service, "--version", "v2", "--baseline-version", "v1" }, .. extra]);

    [Fact]
    public async Task Lint_of_the_deploy_gates_file_exits_0()
    {
        var (code, output, _) = await Run("lint", Path.Combine(RepositoryPaths.Root, "deploy", "gates.yaml"));
        Assert.Equal(ExitCodes.Pass, code);
        Assert.Contains("4 gates OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_of_the_deploy_gates_file_against_Prometheus_parses_every_query()
    {
        var (code, output, error) = await Run("lint", Path.Combine(RepositoryPaths.Root, "deploy", "gates.yaml"), "--prometheus", stack.PrometheusUrl.ToString());
        Assert.True(code == ExitCodes.Pass, error);
        Assert.Contains("every query parsed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_gates_file_exits_3_naming_file_line_and_column()
    {
        var path = GatesFile("gates:\n  - name: a\n    kind: threshold\n    query: up\n    maximum: 1\n");
        var (code, _, error) = await Run("lint", path);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{path}:5:5: unknown key 'maximum'", error, StringComparison.Ordinal);
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
        var reports = Path.Combine(_directory, "reports");
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
    public async Task A_cancelled_verification_exits_2_never_0_on_Prometheus()
    {
        var slow = GatesFile(SampleGates.Replace("count: 2", "count: 30", StringComparison.Ordinal), "slow.yaml");
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await ShipgateCli.RunAsync(
            ["verify", "--gates", slow, "--prometheus", stack.PrometheusUrl.ToString(), "--service", "healthy", "--version", "v2", "--baseline-version", "v1"],
            output, error, cancel.Token);

        Assert.Equal(ExitCodes.Inconclusive, code);
        Assert.Contains("cancelled before a verdict", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verify", "--gates", "g.yaml")]
    [InlineData("verify", "--gates", "g.yaml", "--prometheus", "not a url")]
    [InlineData("lint")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_3(params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.StartsWith("shipgate: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_value_without_a_key_exits_3_naming_the_option()
    {
        var (code, _, error) = await Verify("healthy", "--set", "just-a-value");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("--set: 'just-a-value' is not key=value", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_template_variable_without_a_value_exits_3_naming_the_gate()
    {
        var path = GatesFile("gates:\n  - {name: regional, kind: threshold, query: 'sum(up{region=\"{{region}}\"})', max: 1}\n", "regional.yaml");
        var lint = await Run("lint", path);
        Assert.Equal(ExitCodes.Usage, lint.Code);
        Assert.Contains("unknown template variable '{{region}}'", lint.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Pass, (await Run("lint", path, "--set", "region=eu")).Code);
    }

    [Fact]
    public async Task An_unreachable_Prometheus_exits_3_before_measuring()
    {
        var (code, _, error) = await Run("verify", "--gates", GatesFile(SampleGates), "--prometheus", "http://127.0.0.1:19097/", "--service", "healthy", "--version", "v2", "--baseline-version", "v1", "--retries", "0");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("cannot connect", error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
