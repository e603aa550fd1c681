using Shipgate.Gates.Model;

namespace Shipgate.Gates.Analysis;

/// <summary>How an observed value is held to account: a band it must stay in, or a statistical test's own answer.</summary>
public abstract record Criterion;

/// <summary>The value must lie in the band.</summary>
public sealed record BandCriterion(ThresholdBand Band) : Criterion;

/// <summary>
/// A statistical test decided: <paramref name="Passed"/> is null when the test could not decide
/// (too few counts, not significant enough either way).
/// </summary>
public sealed record TestCriterion(bool? Passed, string Reason) : Criterion;
