using Shipgate.Gates.Model;

namespace Shipgate.Release.Decisions;

/// <summary>
/// Every way a verification can end, as data: the analysis ran to a verdict, or something else stopped it.
/// Whatever happens in Verify becomes one of these, so <see cref="ReleasePolicy"/> sees every path out.
/// </summary>
public abstract record VerificationOutcome
{
    private VerificationOutcome(string summary) => Summary = summary;

    /// <summary>One line for the ledger, the log and the summary.</summary>
    public string Summary { get; }

    /// <summary>The gates decided: Pass, Fail or Inconclusive, with every gate's evidence.</summary>
    public sealed record Analysed(AnalysisResult Result)
        : VerificationOutcome($"verdict {Result.Verdict}: {string.Join("; ", Result.Reasons)}");

    /// <summary>Prometheus (or another metrics backend) could not be asked: nothing was measured.</summary>
    public sealed record BackendUnavailable(string Message) : VerificationOutcome($"the metrics backend is unavailable: {Message}");

    /// <summary>The gates cannot run as written (a query the server rejects, a label the metric lacks).</summary>
    public sealed record Misconfigured(string Message) : VerificationOutcome($"the gates are misconfigured: {Message}");

    /// <summary>The release did not become (or stay) healthy.</summary>
    public sealed record HealthCheckFailed(string Message) : VerificationOutcome($"the health check failed: {Message}");

    /// <summary>Ctrl-C, SIGTERM or a CI cancel stopped the verification.</summary>
    public sealed record Interrupted(string Message) : VerificationOutcome($"the verification was interrupted: {Message}");

    /// <summary>Anything else went wrong: a bug, a full disk, a dead load generator.</summary>
    public sealed record Crashed(string Message) : VerificationOutcome($"the verification crashed: {Message}");
}
