namespace Shipgate.Gates.Statistics;

/// <summary>The distance a drift gate compares with its effect threshold.</summary>
public enum DriftMetricKind
{
    /// <summary>Population Stability Index (unitless; 0.1 and 0.25 are the customary "moderate" and "large").</summary>
    Psi,

    /// <summary>Two-sample Kolmogorov–Smirnov D (a share of observations, 0 to 1).</summary>
    KolmogorovSmirnov,

    /// <summary>Jensen–Shannon distance, base 2 (0 to 1).</summary>
    JensenShannon,

    /// <summary>Wasserstein-1 distance, in the metric's own unit (seconds, score points...).</summary>
    Wasserstein,
}
