using Shipgate.Gates.Model;
using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Specs;

/// <summary>
/// The share of requests that failed over the window: errors/total from a request counter, the total
/// being the sample size. An absent error series with traffic present is zero errors (client libraries
/// create a labelled series on its first increment); absent traffic is no data. With
/// <see cref="BaselineComparison"/> the rate must also not be significantly above the baseline's
/// (one-sided Fisher exact test with an allowed increase).
/// </summary>
public sealed record ErrorRateGate(string GateName, string Metric, string ErrorMatcher, double MaxRate, string Selector = Selectors.Release) : GateSpec(GateName)
{
    public override string Kind => "errorRate";

    /// <summary>Also compare with the baseline version's error rate; null: the absolute maximum only.</summary>
    public ProportionComparisonOptions? BaselineComparison { get; init; }

    public override bool UsesBaseline => BaselineComparison is not null;

    public override ThresholdBand Band => new(null, MaxRate);

    public string ErrorsQuery => $"sum(increase({Selectors.Series(Metric, Selector, ErrorMatcher)}[{{{{window}}}}]))";

    public string TotalQuery => $"sum(increase({Selectors.Series(Metric, Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [ErrorsQuery, TotalQuery];
}
