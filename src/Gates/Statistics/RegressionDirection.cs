namespace Shipgate.Gates.Statistics;

/// <summary>Which change of the candidate against the baseline counts as a regression.</summary>
public enum RegressionDirection
{
    /// <summary>Higher is worse: latency, error counts.</summary>
    Increase,

    /// <summary>Lower is worse: throughput, success rate.</summary>
    Decrease,

    /// <summary>Any change is suspect: model scores, feature values.</summary>
    Either,
}
