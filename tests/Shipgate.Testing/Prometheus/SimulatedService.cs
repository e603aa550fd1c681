using System.Globalization;
using System.Text;

namespace Shipgate.Testing;

/// <summary>
/// One version of a model service whose traffic the test controls: requests with an error share,
/// latencies drawn from an exponential distribution, predictions from a normal distribution clipped to
/// [0, 1]. Exposes the sample service's metric names in the text exposition format.
/// </summary>
public sealed class SimulatedService(int seed)
{
    private static readonly double[] LatencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5];
    private static readonly double[] PredictionBuckets = Enumerable.Range(1, 20).Select(i => i * 0.05).ToArray();
    private readonly Random _random = new(seed);
    private readonly Lock _lock = new();
    private readonly long[] _latencyCounts = new long[LatencyBuckets.Length + 1];
    private readonly long[] _predictionCounts = new long[PredictionBuckets.Length + 1];
    private long _ok;
    private long _errors;
    private double _latencySum;
    private double _predictionSum;

    /// <summary>Requests per second; 0 means idle (series exist, counters do not move).</summary>
    public double RequestsPerSecond { get; set; } = 100;

    public double ErrorRate { get; set; } = 0.005;

    public double MeanLatencySeconds { get; set; } = 0.04;

    public double PredictionMean { get; set; } = 0.5;

    public double PredictionStdDev { get; set; } = 0.15;

    /// <summary>False: the exporter answers this version's scrapes with 503, as an instance that died or stopped exporting (<c>up</c> becomes 0).</summary>
    public bool Answering { get; set; } = true;

    /// <summary>Writes one latency bucket's count as NaN, as a broken exporter may.</summary>
    public bool NaNLatencyBucket { get; set; }

    /// <summary>Serves <paramref name="elapsed"/> worth of traffic.</summary>
    public void Advance(TimeSpan elapsed)
    {
        lock (_lock)
        {
            var n = (int)Math.Round(RequestsPerSecond * elapsed.TotalSeconds);
            for (var i = 0; i < n; i++)
            {
                if (_random.NextDouble() < ErrorRate)
                    _errors++;
                else
                    _ok++;
                var latency = -MeanLatencySeconds * Math.Log(1 - _random.NextDouble());
                Observe(_latencyCounts, LatencyBuckets, latency);
                _latencySum += latency;
                var prediction = Math.Clamp(PredictionMean + (PredictionStdDev * Gaussian()), 0, 1);
                Observe(_predictionCounts, PredictionBuckets, prediction);
                _predictionSum += prediction;
            }
        }
    }

    public string Exposition()
    {
        lock (_lock)
        {
            var text = new StringBuilder();
            text.Append("# TYPE modelservice_requests_total counter\n");
            text.Append(CultureInfo.InvariantCulture, $"modelservice_requests_total{{route=\"/predict\",code=\"200\"}} {_ok}\n");
            if (_errors > 0)
                text.Append(CultureInfo.InvariantCulture, $"modelservice_requests_total{{route=\"/predict\",code=\"500\"}} {_errors}\n");
            Histogram(text, "modelservice_request_duration_seconds", "route=\"/predict\",", LatencyBuckets, _latencyCounts, _latencySum, NaNLatencyBucket ? 0.1 : null);
            Histogram(text, "modelservice_prediction_value", "", PredictionBuckets, _predictionCounts, _predictionSum);
            return text.ToString();
        }
    }

    private static void Observe(long[] counts, double[] bounds, double value)
    {
        var index = Array.FindIndex(bounds, b => value <= b);
        counts[index < 0 ? bounds.Length : index]++;
    }

    private static void Histogram(StringBuilder text, string name, string labels, double[] bounds, long[] counts, double sum, double? nanBound = null)
    {
        text.Append(CultureInfo.InvariantCulture, $"# TYPE {name} histogram\n");
        long cumulative = 0;
        for (var i = 0; i <= bounds.Length; i++)
        {
            cumulative += counts[i];
            var le = i < bounds.Length ? bounds[i].ToString("0.###", CultureInfo.InvariantCulture) : "+Inf";
            var count = i < bounds.Length && nanBound == bounds[i] ? "NaN" : cumulative.ToString(CultureInfo.InvariantCulture);
            text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}le=\"{le}\"}} {count}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels.TrimEnd(',')}}} {sum.ToString(CultureInfo.InvariantCulture)}\n");
        text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels.TrimEnd(',')}}} {cumulative}\n");
    }

    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());
}
