using Shipgate.Gates.Model;

namespace Shipgate.Gates.Verification;

/// <summary>
/// The analysis was cancelled (Ctrl-C, SIGTERM, a caller's token) before a verdict. Still an
/// <see cref="OperationCanceledException"/>; <see cref="PartialResult"/> holds every measurement taken so
/// far, with an Inconclusive verdict, so the caller can write the reports of what was seen.
/// </summary>
public sealed class VerificationInterruptedException(AnalysisResult partialResult, CancellationToken token)
    : OperationCanceledException("the verification was interrupted before a verdict: inconclusive", token)
{
    public AnalysisResult PartialResult { get; } = partialResult;
}
