using Shipgate.Gates.Model;

namespace Shipgate.Gates.Specs;

/// <summary>
/// The share of requests that failed over the window: errors/total from a request counter, the total
/// being the sample size. An absent error series with traffic present is zero errors (client libraries
/// create a labelled series on its first increment); absent traffic is no data.
/// </summary>
public sealed record ErrorRateGate(string GateName, string Metric, string ErrorMatcher, double MaxRate, string Selector = Selectors.Release) : GateSpec(GateName)
{
    public override string Kind => "errorRate";

    public override ThresholdBand Band => new(null, MaxRate);

    public string ErrorsQuery => $"sum(increase({Selectors.Series(Metric, Selector, ErrorMatcher)}[{{{{window}}}}]))";

    public string TotalQuery => $"sum(increase({Selectors.Series(Metric, Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [ErrorsQuery, TotalQuery];
}
