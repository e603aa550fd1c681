using Shipgate.Gates.Model;

namespace Shipgate.Cli;

/// <summary>The `shipgate` exit codes, stable for pipelines.</summary>
public static class ExitCodes
{
    /// <summary>The verdict is Pass (lint: the file is good).</summary>
    public const int Pass = 0;

    /// <summary>The verdict is Fail: at least one deciding gate failed.</summary>
    public const int Fail = 1;

    /// <summary>The verdict is Inconclusive (not enough data), or the verification was interrupted (Ctrl-C, SIGTERM).</summary>
    public const int Inconclusive = 2;

    /// <summary>Bad usage or configuration (a malformed gates file, a query the server rejects, a bad option): nothing was verified.</summary>
    public const int Usage = 3;

    /// <summary>
    /// The metrics backend could not be reached or answered with errors (before the analysis, or so that a
    /// deciding gate ended in error or ran past the deadline): nothing can be said about the release.
    /// </summary>
    public const int BackendUnavailable = 4;

    /// <summary>The lines `shipgate --help` prints.</summary>
    public const string Help = "exit codes: 0 pass, 1 fail, 2 inconclusive or interrupted, 3 usage or configuration error, 4 metrics backend unavailable";

    /// <summary>Pure: the exit code of a finished analysis.</summary>
    public static int For(AnalysisResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Verdict switch
        {
            Verdict.Pass => Pass,
            Verdict.Fail => Fail,
            _ when result.Gates.Any(g => !g.DryRun && g.Decision.Status == GateStatus.Error) => BackendUnavailable,
            _ => Inconclusive,
        };
    }
}
