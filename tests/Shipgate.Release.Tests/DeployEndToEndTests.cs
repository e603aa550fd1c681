using System.Net.Http.Json;
using System.Text.Json;

namespace Shipgate.Release.Tests;

/// <summary>
/// The README's walkthrough for real: ./build.sh Deploy of a good version, then of a faulty one that the
/// gates fail and Shipgate rolls back, then two verifications without Prometheus. The steps depend on each
/// other, so they run as one test in order.
/// </summary>
public sealed class DeployEndToEndTests(RepositoryBuild repository) : IClassFixture<RepositoryBuild>
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Deploy_promotes_a_good_release_rolls_back_a_faulty_one_and_never_promotes_without_Prometheus()
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
        var errorGate = Report().GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("gate").GetString() == "error-rate");
        Assert.Equal("fail", errorGate.GetProperty("decision").GetProperty("status").GetString());
        var rolledBack = History().Single(r => r["version"] == "e2e-2");
        Assert.Equal("RolledBack", rolledBack["phase"]);
        Assert.Contains("error-rate", rolledBack["reason"], StringComparison.Ordinal);

        // Prometheus unreachable during Verify: nothing is measured, so nothing is promoted.
        var unreachable = repository.Run("Deploy", "--version", "e2e-3", "--prometheus-url", "http://127.0.0.1:9");
        Assert.True(unreachable.ExitCode != 0, unreachable.Output);
        await AssertServesAsync("e2e-1", unreachable.Output);
        Assert.Equal("RolledBack", History().Single(r => r["version"] == "e2e-3")["phase"]);

        var paused = repository.Run("Deploy", "--version", "e2e-4", "--prometheus-url", "http://127.0.0.1:9", "--inconclusive-policy", "Pause");
        Assert.True(paused.ExitCode != 0, paused.Output);
        Assert.Contains("policy is Pause", paused.Output, StringComparison.Ordinal);
        Assert.Equal("e2e-4", Current()["version"]);
        Assert.Equal("Healthy", Current()["phase"]);

        var status = repository.Run("Status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Matches(@"Current:\s+e2e-4 \[Healthy\]", status.Output);
        Assert.Matches(@"Previous:\s+e2e-1 \[Promoted\]", status.Output);
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
