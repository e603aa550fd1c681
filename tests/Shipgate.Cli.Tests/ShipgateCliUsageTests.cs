namespace Shipgate.Cli.Tests;

/// <summary>Usage and configuration errors of `shipgate`: none of them needs a metrics server, so none starts one.</summary>
public sealed class ShipgateCliUsageTests : CliRun
{
    [Fact]
    public async Task Lint_of_the_deploy_gates_file_exits_0()
    {
        var (code, output, error) = await Run("lint", Path.Combine(RepositoryPaths.Root, "deploy", "gates.yaml"));
        Assert.True(code == ExitCodes.Pass, error);
        Assert.Contains("gates OK", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_gates_file_exits_3_naming_file_line_and_column()
    {
        var path = GatesFile("gates:\n  - name: a\n    kind: threshold\n    query: up\n    maximum: 1\n");
        var (code, _, error) = await Run("lint", path);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains($"{path}:5:5: unknown key 'maximum'", error, StringComparison.Ordinal);
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
        var (code, _, error) = await Run("verify", "--gates", GatesFile(SampleGates), "--prometheus", "http://127.0.0.1:1/", "--service", "s", "--version", "v2", "--set", "just-a-value");
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

    [Theory]
    [InlineData("0s")]
    [InlineData("11m")]
    [InlineData("99999999999999d")]
    [InlineData("soon")]
    public async Task A_timeout_out_of_range_exits_3_naming_the_option(string timeout)
    {
        var (code, _, error) = await Run("verify", "--gates", GatesFile(SampleGates), "--prometheus", "http://127.0.0.1:1/", "--service", "s", "--version", "v2", "--timeout", timeout);
        Assert.True(code == ExitCodes.Usage, error);
        Assert.StartsWith($"shipgate: --timeout: '{timeout}'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "v1", "--version")]
    [InlineData("v2", "v2", "--baseline-version")]
    public async Task An_empty_version_or_a_baseline_equal_to_the_version_exits_3(string version, string baseline, string named)
    {
        var (code, _, error) = await Run("verify", "--gates", GatesFile(SampleGates), "--prometheus", "http://127.0.0.1:1/", "--service", "s", "--version", version, "--baseline-version", baseline);
        Assert.True(code == ExitCodes.Usage, error);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_Prometheus_exits_4_backend_unavailable_not_3()
    {
        var port = FreePorts.Next();
        var (code, _, error) = await Run("verify", "--gates", GatesFile(SampleGates), "--prometheus", $"http://127.0.0.1:{port}/", "--service", "healthy", "--version", "v2", "--baseline-version", "v1", "--retries", "0");
        Assert.Equal(ExitCodes.BackendUnavailable, code);
        Assert.Contains("metrics backend is unavailable", error, StringComparison.Ordinal);
        Assert.Contains("cannot connect", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_backtest_release_that_is_not_VERSION_at_TIME_exits_3_before_asking_Prometheus()
    {
        var (code, _, error) = await Run("backtest", "--gates", GatesFile(SampleGates), "--prometheus", "http://127.0.0.1:1/", "--service", "s", "--release", "2-yesterday");
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("expected VERSION@TIME", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_documents_every_exit_code()
    {
        var (_, output, _) = await Run("verify", "--help");
        Assert.Contains("0 pass, 1 fail, 2 inconclusive or interrupted, 3 usage or configuration error, 4 metrics backend unavailable", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_negative_latency_limit_or_a_zero_window_fails_lint_naming_the_place()
    {
        var negative = GatesFile("gates:\n  - {name: p95, kind: latencyQuantile, metric: m, quantile: 0.95, max: -1}\n", "negative.yaml");
        var (code, _, error) = await Run("lint", negative);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("negative.yaml:2:5: gate 'p95': 'max' of a latency", error, StringComparison.Ordinal);

        var zero = GatesFile("defaults:\n  window: 0s\ngates:\n  - {name: e, kind: errorRate, metric: m, max: 0.1}\n", "zero.yaml");
        (code, _, error) = await Run("lint", zero);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("zero.yaml:2:11: 'defaults': window must be positive", error, StringComparison.Ordinal);
    }
}
