using System.Globalization;
using System.Text.Json;

namespace Shipgate.Gates.Providers.Prometheus;

/// <summary>Reads Prometheus HTTP API JSON (https://prometheus.io/docs/prometheus/latest/querying/api/) into backend-neutral results.</summary>
internal static class PrometheusResponse
{
    public static QueryResult ParseQueryData(JsonElement data)
    {
        var type = data.GetProperty("resultType").GetString();
        var result = data.GetProperty("result");
        return type switch
        {
            "vector" => new QueryResult(QueryResultType.Vector, result.EnumerateArray().Select(s => new Series(Labels(s), [ParseSample(s.GetProperty("value"))])).ToList()),
            "matrix" => new QueryResult(QueryResultType.Matrix, result.EnumerateArray().Select(s => new Series(Labels(s), s.GetProperty("values").EnumerateArray().Select(ParseSample).ToList())).ToList()),
            "scalar" => new QueryResult(QueryResultType.Scalar, [new Series(new Dictionary<string, string>(), [ParseSample(result)])]),
            "string" => new QueryResult(QueryResultType.String, [], result[1].GetString()),
            _ => throw new FormatException($"unknown resultType '{type}'"),
        };
    }

    public static IReadOnlyList<FiringAlert> ParseFiringAlerts(JsonElement data) =>
        data.GetProperty("alerts").EnumerateArray()
            .Where(a => a.GetProperty("state").GetString() == "firing")
            .Select(a => new FiringAlert(
                a.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal),
                a.TryGetProperty("activeAt", out var at) && at.ValueKind == JsonValueKind.String ? DateTimeOffset.Parse(at.GetString()!, CultureInfo.InvariantCulture) : null))
            .ToList();

    /// <summary>A sample is <c>[unixSeconds, "value"]</c>; values include NaN, +Inf and -Inf.</summary>
    public static Sample ParseSample(JsonElement pair)
    {
        var seconds = pair[0].GetDouble();
        var time = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        return new Sample(time, ParseValue(pair[1].GetString() ?? ""));
    }

    public static double ParseValue(string text) => text switch
    {
        "NaN" => double.NaN,
        "+Inf" or "Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    public static string FormatTime(DateTimeOffset time) =>
        (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Labels(JsonElement series) =>
        series.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
}
