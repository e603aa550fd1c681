namespace ModelService.Tests;

/// <summary>Model artifacts written for a test, so the expected probabilities follow from known weights.</summary>
internal static class ModelFiles
{
    public static string Write(string json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"modelservice-test-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>z = 0.3 + 0.5·a − 1.25·b.</summary>
    public static string TwoFeatures(string version = "7") => Write($$"""
        { "version": "{{version}}", "features": ["a", "b"], "weights": [0.5, -1.25], "bias": 0.3 }
        """);

    public static string Committed(string name) =>
        Path.Combine(AppContext.BaseDirectory, "model", name);
}
