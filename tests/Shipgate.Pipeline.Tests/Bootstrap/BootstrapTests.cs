namespace Shipgate.Pipeline.Tests.Bootstrap;

/// <summary>The real ./build.sh on a copy of this repository: rebuild only on change, help, plan, exit codes.</summary>
public class BootstrapTests(BootstrapFixture repository) : IClassFixture<BootstrapFixture>
{
    private const string Rebuilt = "compiling the build program";

    [Fact]
    public void Second_run_does_not_rebuild_and_a_change_to_Build_cs_does()
    {
        var first = repository.BuildSh(repository.Root, "--help");
        Assert.True(first.ExitCode == 0, first.Error);

        var second = repository.BuildSh(repository.Root, "--help");
        Assert.Equal(0, second.ExitCode);
        Assert.DoesNotContain(Rebuilt, second.Error);

        File.AppendAllText(Path.Combine(repository.Root, "build", "Build.cs"), "\n// a change\n");
        var third = repository.BuildSh(repository.Root, "--help");
        Assert.Equal(0, third.ExitCode);
        Assert.Contains(Rebuilt, third.Error);
    }

    [Fact]
    public void Help_works_from_any_working_directory_and_lists_targets_and_parameters()
    {
        var (exitCode, output, error) = repository.BuildSh(Path.GetTempPath(), "--help");

        Assert.True(exitCode == 0, error);
        Assert.Matches(@"Test \(default\)\s+-> Compile", output);
        Assert.Contains("--configuration <string>", output);
    }

    [Fact]
    public void Misspelt_target_exits_non_zero_and_suggests_the_right_one()
    {
        var (exitCode, _, error) = repository.BuildSh(repository.Root, "Tset");

        Assert.Equal(2, exitCode);
        Assert.Contains("Did you mean 'Test'?", error);
    }

    [Fact]
    public void Plan_writes_the_graph_page()
    {
        var (exitCode, output, error) = repository.BuildSh(repository.Root, "Test", "--plan");

        Assert.True(exitCode == 0, error);
        Assert.Matches(@"Compile[\s\S]*Test\s+invoked", output);
        Assert.True(File.Exists(Path.Combine(repository.Root, ".nuke", "temp", "plan.html")));
    }
}
