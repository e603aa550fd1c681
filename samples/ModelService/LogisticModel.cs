using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shipgate.Samples.ModelService;

/// <summary>
/// A logistic regression loaded from a versioned artifact file:
/// p = 1 / (1 + e^-(bias + Σ wᵢ·xᵢ)).
/// </summary>
public sealed class LogisticModel
{
    private readonly double[] _weights;

    private LogisticModel(string version, IReadOnlyList<string> features, double[] weights, double bias)
    {
        Version = version;
        Features = features;
        _weights = weights;
        Bias = bias;
    }

    public string Version { get; }

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<double> Weights => _weights;

    public double Bias { get; }

    /// <summary>Reads and validates an artifact; every problem names the file.</summary>
    public static LogisticModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new ModelArtifactException(path, "file not found");
        }

        ArtifactFile? artifact;
        try
        {
            artifact = JsonSerializer.Deserialize<ArtifactFile>(File.ReadAllText(path), SerializerOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $"line {line + 1}, position {e.BytePositionInLine + 1}: " : "";
            throw new ModelArtifactException(path, where + e.Message, e);
        }

        if (artifact is null)
        {
            throw new ModelArtifactException(path, "the file holds no model");
        }

        if (string.IsNullOrWhiteSpace(artifact.Version))
        {
            throw new ModelArtifactException(path, "'version' is missing");
        }

        if (artifact.Features is not { Length: > 0 } features)
        {
            throw new ModelArtifactException(path, "'features' must list at least one feature name");
        }

        if (artifact.Weights is not { } weights || weights.Length != features.Length)
        {
            throw new ModelArtifactException(
                path, $"'weights' must hold one weight per feature ({features.Length}), found {artifact.Weights?.Length ?? 0}");
        }

        var duplicate = features.GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ModelArtifactException(path, $"feature '{duplicate.Key}' is listed twice");
        }

        if (weights.Append(artifact.Bias).Any(w => !double.IsFinite(w)))
        {
            throw new ModelArtifactException(path, "weights and bias must be finite numbers");
        }

        return new LogisticModel(artifact.Version, features, weights, artifact.Bias);
    }

    /// <summary>The probability for one set of feature values; the caller has checked that every feature is present.</summary>
    public double Predict(IReadOnlyDictionary<string, double> featureValues)
    {
        var z = Bias;
        for (var i = 0; i < _weights.Length; i++)
        {
            z += _weights[i] * featureValues[Features[i]];
        }

        return 1.0 / (1.0 + Math.Exp(-z));
    }

    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        AllowTrailingCommas = false,
    };

    private sealed record ArtifactFile(string? Version, string[]? Features, double[]? Weights, double Bias);
}
