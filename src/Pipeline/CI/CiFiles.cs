using System.Text;
using Shipgate.Pipeline.Execution;

namespace Shipgate.Pipeline.CI;

/// <summary>
/// The three generated files for a build and its declaration: the GitHub workflow, <c>.gitlab-ci.yml</c>
/// and the <c>Jenkinsfile</c>. <see cref="Write"/> is what <c>./build.sh GenerateCi</c> does;
/// <see cref="FindStale"/> is how a test (or <c>GenerateCi --check-ci</c>) proves the committed files are current.
/// </summary>
public static class CiFiles
{
    public static IReadOnlyList<CiFile> Generate(ShipgateBuild build, CiPipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(build);
        return Generate(CiPlanner.Plan(pipeline, Targets(build)));
    }

    /// <summary>The build's targets as the CI planner sees them: relations and approvals.</summary>
    public static IReadOnlyList<CiTarget> Targets(ShipgateBuild build) =>
        TargetDiscovery.Discover(build).Select(target => new CiTarget(target.Node, target.Definition.ApprovalRequirements)).ToList();

    public static IReadOnlyList<CiFile> Generate(CiPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return
        [
            new CiFile(GitHubWorkflowGenerator.PathFor(plan.Pipeline), GitHubWorkflowGenerator.Generate(plan)),
            new CiFile(GitLabCiGenerator.Path, GitLabCiGenerator.Generate(plan)),
            new CiFile(JenkinsfileGenerator.Path, JenkinsfileGenerator.Generate(plan)),
        ];
    }

    public static void Write(string rootDirectory, IEnumerable<CiFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        foreach (var file in files)
        {
            var path = Path.Combine(rootDirectory, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, file.Content, new UTF8Encoding(false));
            Serilog.Log.Information("Wrote {File}", file.RelativePath);
        }
    }

    /// <summary>One message per file that is missing or differs from what the declaration generates, with the first differing line.</summary>
    public static IReadOnlyList<string> FindStale(string rootDirectory, IEnumerable<CiFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(rootDirectory, file.RelativePath);
            if (!File.Exists(path))
            {
                problems.Add($"{file.RelativePath} is missing; run ./build.sh GenerateCi and commit it.");
                continue;
            }

            var committed = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
            var expected = file.Content.Split('\n');
            var line = Enumerable.Range(0, Math.Max(committed.Length, expected.Length))
                .FirstOrDefault(i => i >= committed.Length || i >= expected.Length || committed[i] != expected[i], -1);
            if (line >= 0)
                problems.Add($"{file.RelativePath}:{line + 1} is stale: expected '{At(expected, line)}', found '{At(committed, line)}'; run ./build.sh GenerateCi and commit it.");
        }

        return problems;
    }

    public static void ThrowIfStale(string rootDirectory, IEnumerable<CiFile> files)
    {
        var problems = FindStale(rootDirectory, files);
        if (problems.Count > 0)
            throw new CiDeclarationException(string.Join(Environment.NewLine, problems));
        Serilog.Log.Information("The committed CI files match the declaration");
    }

    private static string At(string[] lines, int index) => index < lines.Length ? lines[index].Trim() : "<end of file>";
}

/// <summary>A generated file: its path relative to the repository root, and its text.</summary>
public sealed record CiFile(string RelativePath, string Content);
