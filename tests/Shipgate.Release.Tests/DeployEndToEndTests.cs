using System.Net.Http.Json;
using System.Text.Json;

namespace Shipgate.Release.Tests;

/// <summary>
/// The README's walkthrough for real: ./build.sh Deploy of a good version, a faulty one that the gates fail and
/// Shipgate rolls back, one that the pre-flight refuses (Prometheus unreachable: nothing deployed), a healthy one
/// promoted after the baseline's data was deleted, and one paused by policy then promoted by hand. The steps depend
/// on each other, so they run as one test in order.
/// </summary>
public sealed class DeployEndToEndTests(RepositoryBuild repository) : IClassFixture<RepositoryBuild>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Deploy_promotes_a_good_release_rolls_back_a_faulty_one_and_never_promotes_without_evidence()
    {
        var good = repository.Run("Deploy", "--version", "e2e-1");
        Assert.True(good.ExitCode == 0, good.Output);
        Assert.Equal("e2e-1", Current()["version"]);
        Assert.Equal("Promoted", Current()["phase"]);
        Assert.Equal("pass", Report().GetProperty("verdict").GetString());

        var faulty = repository.Run("Deploy", "--version", "e2e-2", "--fault-error-rate", "0.2");
        Assert.True(faulty.ExitCode != 0, "a release the gates fail must exit non-zero");
        await AssertServesAsync("e2e-1", faulty.Output);
        Assert.Equal("fail", Report().GetProperty("verdict").GetString());
        var rolledBack = History().Single(r => r["version"] == "e2e-2");
        Assert.Equal("RolledBack", rolledBack["phase"]);
        Assert.Contains("error", rolledBack["reason"], StringComparison.Ordinal);

        // Prometheus unreachable: the pre-flight refuses before anything is deployed.
        var unreachable = repository.Run("Deploy", "--version", "e2e-3", "--prometheus-url", "http://127.0.0.1:9");
        Assert.True(unreachable.ExitCode != 0, unreachable.Output);
        Assert.Contains("Nothing was deployed", unreachable.Output, StringComparison.Ordinal);
        await AssertServesAsync("e2e-1", unreachable.Output);
        Assert.DoesNotContain(History(), r => r["version"] == "e2e-3");

        // The baseline's data is gone (expired, a new Prometheus): a healthy release is still promoted, with a warning.
        await repository.DeletePrometheusSeriesAsync("{version=\"e2e-1\"}");
        var withoutBaseline = repository.Run("Deploy", "--version", "e2e-4");
        Assert.True(withoutBaseline.ExitCode == 0, withoutBaseline.Output);
        Assert.Equal("e2e-4", Current()["version"]);
        Assert.Equal("Promoted", Current()["phase"]);
        Assert.Contains("e2e-1", Report().GetProperty("warnings").ToString(), StringComparison.Ordinal);

        // Gates that cannot decide, under Pause: the release serves, Paused, until a person promotes it.
        var paused = repository.Run("Deploy", "--version", "e2e-5", "--gates", repository.WriteTemporary("undecidable.yaml", """
            gates:
              - name: needs-a-million-requests
                kind: errorRate
                metric: modelservice_requests_total
                max: 0.05
                minSamples: 1000000
                interval: 1s
                count: 3
            """), "--inconclusive-policy", "Pause");
        Assert.True(paused.ExitCode != 0, paused.Output);
        Assert.Equal("e2e-5", Current()["version"]);
        Assert.Equal("Paused", Current()["phase"]);
        var status = repository.Run("Status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Matches(@"Current:\s+e2e-5 \[Paused\]", status.Output);
        Assert.Matches(@"Previous:\s+e2e-4 \[Promoted\]", status.Output);

        var promoted = repository.Run("Promote");
        Assert.True(promoted.ExitCode == 0, promoted.Output);
        Assert.Matches(@"Current:\s+e2e-5 \[Promoted\]", repository.Run("Status").Output);
    }

    private async Task AssertServesAsync(string version, string output)
    {
        using var response = await Http.GetAsync(new Uri(repository.Service, "/health"));
        Assert.True(response.IsSuccessStatusCode, $"the previous release must serve again; build output:\n{output}");
        Assert.Equal(version, Current()["version"]);
        Assert.Equal("Promoted", Current()["phase"]);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    private JsonElement Report() => repository.ReadArtifact("reports", "report.json");

    private Dictionary<string, string?> Current() => Record(repository.ReadArtifact("release", "ledger.json").GetProperty("current"));

    private List<Dictionary<string, string?>> History() =>
        repository.ReadArtifact("release", "ledger.json").GetProperty("history").EnumerateArray().Select(Record).ToList();

    private static Dictionary<string, string?> Record(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.ToString());
}
