namespace Shipgate.Pipeline.Tests.CI;

/// <summary>
/// The committed .github/workflows/*.yml, .gitlab-ci.yml and Jenkinsfile are what this repository's build
/// program generates now: <c>./build.sh GenerateCi --check-ci</c> regenerates them in memory and compares.
/// </summary>
public class CommittedCiFilesTests
{
    [Fact]
    public void Committed_CI_files_are_fresh()
    {
        var root = CiLintTools.RepositoryRoot();

        var result = CiLintTools.Run(Path.Combine(root, "build.sh"), ["GenerateCi", "--check-ci"], root, TimeSpan.FromMinutes(10),
            new Dictionary<string, string> { ["CI"] = "true" });

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("The committed CI files match the declaration", result.Output, StringComparison.Ordinal);
    }
}
