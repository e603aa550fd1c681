using Serilog.Core;

namespace Shipgate.Pipeline.Hosts;

/// <summary>
/// GitHub Actions: <c>::group::</c> per target, warnings and errors as annotations, the summary appended
/// to the job summary file (<c>GITHUB_STEP_SUMMARY</c>).
/// </summary>
public sealed class GitHubActionsHost(IReadOnlyDictionary<string, string> environment, TextWriter output) : IBuildHost
{
    public const string HostName = "GitHubActions";

    public string Name => HostName;

    public CiMetadata Metadata { get; } = ReadMetadata(environment);

    public IDisposable BeginGroup(string title)
    {
        output.WriteLine(WorkflowCommands.Group(title));
        return new EndGroup(output);
    }

    public void WriteSummary(string markdown)
    {
        if (CiMetadata.Get(environment, "GITHUB_STEP_SUMMARY") is { } path)
            File.AppendAllText(path, markdown + Environment.NewLine);
    }

    public IReadOnlyList<ILogEventSink> CreateLogSinks(Func<string, string> mask) => [new GitHubAnnotationSink(output, mask)];

    public static CiMetadata ReadMetadata(IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var server = CiMetadata.Get(environment, "GITHUB_SERVER_URL") ?? "https://github.com";
        var repository = CiMetadata.Get(environment, "GITHUB_REPOSITORY");
        var run = CiMetadata.Get(environment, "GITHUB_RUN_ID");
        return new CiMetadata(
            HostName,
            CiMetadata.Get(environment, "GITHUB_SHA"),
            CiMetadata.Get(environment, "GITHUB_HEAD_REF", "GITHUB_REF_NAME"),
            repository is not null && run is not null ? $"{server}/{repository}/actions/runs/{run}" : null,
            CiMetadata.Get(environment, "GITHUB_TRIGGERING_ACTOR", "GITHUB_ACTOR"));
    }

    private sealed class EndGroup(TextWriter output) : IDisposable
    {
        public void Dispose() => output.WriteLine(WorkflowCommands.EndGroup);
    }
}
