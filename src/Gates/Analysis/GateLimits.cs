namespace Shipgate.Gates.Analysis;

/// <summary>
/// How many bad measurements a gate tolerates before it decides, and how much data a measurement needs.
/// The defaults are Argo Rollouts' (failureLimit 0, inconclusiveLimit 0, consecutiveErrorLimit 4).
/// </summary>
/// <param name="FailureLimit">Failed measurements tolerated; one more fails the gate.</param>
/// <param name="InconclusiveLimit">Inconclusive measurements tolerated; one more makes the gate inconclusive.</param>
/// <param name="ConsecutiveErrorLimit">Backend errors in a row tolerated; one more ends the gate in error.</param>
/// <param name="MinSamples">Observations a measurement needs before its value may pass or fail (0: the gate has no sample count).</param>
public sealed record GateLimits(int FailureLimit = 0, int InconclusiveLimit = 0, int ConsecutiveErrorLimit = 4, double MinSamples = 0)
{
    public static GateLimits Default { get; } = new();

    /// <summary>The first broken rule, or null when the limits make sense.</summary>
    public string? Problem() =>
        FailureLimit < 0 ? "failureLimit must be 0 or more"
        : InconclusiveLimit < 0 ? "inconclusiveLimit must be 0 or more"
        : ConsecutiveErrorLimit < 0 ? "consecutiveErrorLimit must be 0 or more"
        : MinSamples < 0 || double.IsNaN(MinSamples) ? "minSamples must be 0 or more"
        : null;
}
