using System.Text.Json;
using System.Text.Json.Serialization;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Reports;

/// <summary>The whole analysis as JSON: the verdict and every measurement with its query, value, sample size, phase, reason and time.</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // NaN and infinities are evidence too: written as "NaN", "Infinity".
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Render(AnalysisResult result) => JsonSerializer.Serialize(result, Options);

    public static AnalysisResult? Parse(string json) => JsonSerializer.Deserialize<AnalysisResult>(json, Options);
}
