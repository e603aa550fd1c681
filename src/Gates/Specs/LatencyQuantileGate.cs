using System.Globalization;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Specs;

/// <summary>
/// A latency quantile from a classic histogram's <c>_bucket</c> series, held to a maximum in seconds; the sample
/// size is <c>_count</c>'s increase. A quantile beyond the highest finite bucket fails; a NaN bucket is no data.
/// </summary>
public sealed record LatencyQuantileGate(string GateName, string Metric, double Quantile, double MaxSeconds, string Selector = Selectors.Release) : GateSpec(GateName)
{
    public override string Kind => "latencyQuantile";

    public override ThresholdBand Band => new(null, MaxSeconds);

    public string QuantileQuery =>
        $"histogram_quantile({Quantile.ToString(CultureInfo.InvariantCulture)}, sum by (le) (rate({Selectors.Series(Metric + "_bucket", Selector)}[{{{{window}}}}])))";

    /// <summary>The per-bucket rates the quantile is computed from (here, not by the server: see the observer).</summary>
    public string BucketsQuery => $"sum by (le) (rate({Selectors.Series(Metric + "_bucket", Selector)}[{{{{window}}}}]))";

    public string SamplesQuery => $"sum(increase({Selectors.Series(Metric + "_count", Selector)}[{{{{window}}}}]))";

    public override IReadOnlyList<string> QueryTemplates => [BucketsQuery, SamplesQuery];
}
