using System.Globalization;

namespace Shipgate.Cli.Tests;

/// <summary><c>shipgate backtest</c> against a real Prometheus with backfilled history (see <see cref="BacktestHistory"/>).</summary>
public sealed class BacktestCommandTests(BacktestHistory history) : CliRun, IClassFixture<BacktestHistory>
{
    private const string Gates = """
        defaults:
          initialDelay: 10s
          interval: 10s
          window: 10s
        gates:
          - name: error-rate
            kind: errorRate
            metric: modelservice_requests_total
            max: 0.05
            count: 6
            critical: true
          - name: error-rate-vs-baseline
            kind: sequentialErrorRate
            metric: modelservice_requests_total
            baselineWindow: 10m
            count: 30
            critical: true
        """;

    private string Time(int minutes) => history.At(minutes).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Releases_assumed_at_past_times_are_replayed_a_healthy_one_passes_and_the_bad_one_is_caught_at_the_first_look()
    {
        var (code, output, error) = await Run("backtest", "--gates", GatesFile(Gates), "--prometheus", history.Url, "--service", BacktestHistory.Service,
            "--release", $"2@{Time(10)}", "--release", $"3@{Time(25)}", "--baseline-version", "1", "--bad", "3");

        Assert.True(code == 0, output + error);
        Assert.Contains("healthy releases rolled back: 0 of 1; known bad releases caught: 1 of 1, median 10s after the deploy", output, StringComparison.Ordinal);
        Assert.Matches(@"2 at .* vs 1 \(healthy\): Pass -> Promote", output);
    }

    [Fact]
    public async Task A_version_declared_bad_that_the_gates_pass_makes_the_backtest_fail()
    {
        var (code, output, _) = await Run("backtest", "--gates", GatesFile(Gates), "--prometheus", history.Url, "--service", BacktestHistory.Service,
            "--release", $"2@{Time(10)}", "--baseline-version", "1", "--bad", "2");

        Assert.Equal(1, code);
        Assert.Contains("known bad releases caught: 0 of 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_decided_deploy_of_a_ledger_is_replayed_against_the_release_it_replaced()
    {
        var ledger = Path.Combine(Directory, "ledger.json");
        File.WriteAllText(ledger, $$"""
            {
              "current": { "releaseId": "b", "service": "modelservice", "environment": "prod", "version": "2", "phase": "Promoted", "previousReleaseId": "a", "deployedAt": "{{history.At(10):O}}" },
              "previous": { "releaseId": "a", "service": "modelservice", "environment": "prod", "version": "1", "phase": "Promoted", "previousReleaseId": null, "deployedAt": "{{history.At(0):O}}" },
              "history": [
                { "releaseId": "c", "service": "modelservice", "environment": "prod", "version": "3", "phase": "RolledBack", "previousReleaseId": "b", "deployedAt": "{{history.At(25):O}}" },
                { "releaseId": "d", "service": "other", "environment": "prod", "version": "9", "phase": "RolledBack", "previousReleaseId": null, "deployedAt": "{{history.At(30):O}}" }
              ]
            }
            """);

        var (code, output, error) = await Run("backtest", "--gates", GatesFile(Gates), "--prometheus", history.Url, "--service", BacktestHistory.Service, "--ledger", ledger);

        Assert.True(code == 0, output + error);
        Assert.Contains("healthy releases rolled back: 0 of 2; known bad releases caught: 1 of 1", output, StringComparison.Ordinal);
        Assert.Contains("3 at", output, StringComparison.Ordinal);
        Assert.DoesNotContain("9 at", output, StringComparison.Ordinal);
    }
}
