namespace Shipgate.Gates.Statistics;

/// <summary>
/// The outcome of one statistical evaluation. Kept here, apart from the analysis engine's own phase
/// type, so the statistics depend on nothing else; the engine maps it.
/// </summary>
public enum StatisticalPhase
{
    /// <summary>Enough valid data, and no regression that is both significant and large enough.</summary>
    Pass,

    /// <summary>A regression that is statistically significant and larger than the allowed effect.</summary>
    Fail,

    /// <summary>Too little or invalid data to decide. Never to be treated as a pass.</summary>
    Inconclusive,
}
