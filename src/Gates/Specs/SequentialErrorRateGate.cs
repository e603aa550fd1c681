namespace Shipgate.Gates.Specs;

/// <summary>
/// The new version's error rate against the baseline's, decided sequentially
/// (<see cref="Statistics.Sequential.SequentialErrorRate"/>): errors/total from a request counter for each version.
/// </summary>
public sealed record SequentialErrorRateGate(string GateName, string Metric, string ErrorMatcher, string Selector = Selectors.Release) : SequentialGate(GateName)
{
    public override string Kind => "sequentialErrorRate";

    public string ErrorsQuery => $"sum(increase({Selectors.Series(Metric, Selector, ErrorMatcher)}[{{{{window}}}}]))";

    public string TotalQuery => $"sum(increase({Selectors.Series(Metric, Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [ErrorsQuery, TotalQuery];
}
