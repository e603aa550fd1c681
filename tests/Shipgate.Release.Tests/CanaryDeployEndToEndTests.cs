using System.Text.Json;

namespace Shipgate.Release.Tests;

/// <summary>
/// <c>./build.sh Deploy</c> of the sample by canary on the embedded stack, behind the HAProxy that <c>Up</c> starts for
/// <c>router: { embedded: true }</c>, with the shipped gates file and the local load: a healthy canary passes its
/// analyses at 10 % and 50 % (at 10 % it gets a tenth of the requests, so its sequential gates may look longer) and is
/// promoted; a faulty one is taken out at 10 % and the stable release keeps serving. Before, the first Up failed
/// (the monitoring read the router before Up started it) and a healthy canary at 10 % ended Inconclusive.
/// </summary>
public sealed class CanaryDeployEndToEndTests(RepositoryBuild repository) : IClassFixture<RepositoryBuild>
{
    [Fact]
    public void A_healthy_canary_passes_its_analyses_under_the_local_load_and_a_faulty_one_is_taken_out_at_ten_percent()
    {
        var first = Deploy("canary-1");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(("canary-1", "Promoted"), Current());

        var healthy = Deploy("canary-2");
        Assert.True(healthy.ExitCode == 0, healthy.Output);
        Assert.Equal(("canary-2", "Promoted"), Current());
        Assert.Equal("step 2 at 10%: Pass; step 4 at 50%: Pass", Ledger().GetProperty("current").GetProperty("canaryAnalyses").GetString());

        var faulty = Deploy("canary-3", "--fault-error-rate", "0.2");
        Assert.True(faulty.ExitCode != 0, faulty.Output);
        Assert.Equal(("canary-2", "Promoted"), Current());
        var rolledBack = Ledger().GetProperty("history").EnumerateArray().Single(r => r.GetProperty("version").GetString() == "canary-3");
        Assert.Equal("RolledBack", rolledBack.GetProperty("phase").GetString());
        Assert.StartsWith("step 2 at 10%: Fail", rolledBack.GetProperty("canaryAnalyses").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"Current:\s+canary-2 \[Promoted\]", repository.RunIn(RepositoryBuild.CanaryEnvironment, RepositoryBuild.CanaryPort, "Status").Output);
    }

    private (int ExitCode, string Output) Deploy(string version, params string[] arguments) =>
        repository.RunIn(RepositoryBuild.CanaryEnvironment, RepositoryBuild.CanaryPort, ["Deploy", "--version", version, .. arguments]);

    private JsonElement Ledger() => repository.ReadArtifact("release", "ledger.json");

    private (string? Version, string? Phase) Current()
    {
        var current = Ledger().GetProperty("current");
        return (current.GetProperty("version").GetString(), current.GetProperty("phase").GetString());
    }
}
