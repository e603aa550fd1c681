using Serilog;
using Serilog.Core;

namespace Shipgate.Pipeline.Hosts;

/// <summary>
/// Jenkins: stages already group the log, so a banner per target; warnings and errors listed at the top
/// of the summary in <c>artifacts/ci-summary/STAGE.md</c>, which the generated Jenkinsfile archives.
/// </summary>
public sealed class JenkinsHost(IReadOnlyDictionary<string, string> environment) : IBuildHost
{
    public const string HostName = "Jenkins";

    private ProblemCollector? _problems;

    public string Name => HostName;

    public CiMetadata Metadata { get; } = new(
        HostName,
        CiMetadata.Get(environment, "GIT_COMMIT"),
        CiMetadata.Get(environment, "BRANCH_NAME", "GIT_BRANCH"),
        CiMetadata.Get(environment, "RUN_DISPLAY_URL", "BUILD_URL"),
        CiMetadata.Get(environment, "BUILD_USER_ID", "CHANGE_AUTHOR"));

    public IDisposable BeginGroup(string title)
    {
        Log.Information("═══ {Title} ═══", title);
        return new NoGroup();
    }

    public void WriteSummary(string markdown) =>
        SummaryFile.Write(environment, "WORKSPACE", CiMetadata.Get(environment, "STAGE_NAME") ?? "build", _problems?.Prepend(markdown) ?? markdown);

    public IReadOnlyList<ILogEventSink> CreateLogSinks(Func<string, string> mask) => [_problems = new ProblemCollector(mask)];

    private sealed class NoGroup : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
