using Serilog.Core;

namespace Shipgate.Pipeline.Hosts;

/// <summary>
/// Where the build runs (a terminal, GitHub Actions, GitLab CI, Jenkins). The engine calls this narrow
/// seam for what each host shows its own way; everything else goes through the logger.
/// </summary>
public interface IBuildHost
{
    /// <summary>The host's name as <c>--host</c> spells it.</summary>
    string Name { get; }

    /// <summary>Commit, branch, pipeline URL and actor, for the release ledger and the report.</summary>
    CiMetadata Metadata { get; }

    /// <summary>Opens a collapsible log section for a target; disposing closes it.</summary>
    IDisposable BeginGroup(string title);

    /// <summary>Publishes the end-of-build summary (a job summary on CI hosts).</summary>
    void WriteSummary(string markdown);

    /// <summary>
    /// Extra log sinks the host needs (annotations for warnings and errors). Each applies
    /// <paramref name="mask"/> to every text it writes, so secrets never reach the host.
    /// </summary>
    IReadOnlyList<ILogEventSink> CreateLogSinks(Func<string, string> mask);
}
