using System.Globalization;
using Serilog.Core;

namespace Shipgate.Pipeline.Hosts;

/// <summary>
/// GitLab CI: a collapsible log section per target; warnings and errors listed at the top of the job
/// summary, which is written to <c>artifacts/ci-summary/JOB.md</c> (the generated jobs keep it as an artifact).
/// </summary>
public sealed class GitLabCiHost(IReadOnlyDictionary<string, string> environment, TextWriter output) : IBuildHost
{
    public const string HostName = "GitLab";

    private ProblemCollector? _problems;
    private int _sections;

    public string Name => HostName;

    public CiMetadata Metadata { get; } = new(
        HostName,
        CiMetadata.Get(environment, "CI_COMMIT_SHA"),
        CiMetadata.Get(environment, "CI_COMMIT_REF_NAME"),
        CiMetadata.Get(environment, "CI_PIPELINE_URL"),
        CiMetadata.Get(environment, "GITLAB_USER_LOGIN"));

    public IDisposable BeginGroup(string title)
    {
        // Section names must be unique in a job log and may hold only letters, digits, '_', '.', '-'.
        var name = $"shipgate_{Interlocked.Increment(ref _sections)}";
        output.WriteLine(SectionStart(name, title, DateTimeOffset.UtcNow));
        return new EndSection(output, name);
    }

    public void WriteSummary(string markdown) =>
        SummaryFile.Write(environment, "CI_PROJECT_DIR", CiMetadata.Get(environment, "CI_JOB_NAME") ?? "job", _problems?.Prepend(markdown) ?? markdown);

    public IReadOnlyList<ILogEventSink> CreateLogSinks(Func<string, string> mask) => [_problems = new ProblemCollector(mask)];

    public static string SectionStart(string name, string title, DateTimeOffset at) =>
        $"\u001b[0Ksection_start:{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{name}[collapsed=true]\r\u001b[0K{title}";

    public static string SectionEnd(string name, DateTimeOffset at) =>
        $"\u001b[0Ksection_end:{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}:{name}\r\u001b[0K";

    private sealed class EndSection(TextWriter output, string name) : IDisposable
    {
        public void Dispose() => output.WriteLine(SectionEnd(name, DateTimeOffset.UtcNow));
    }
}
