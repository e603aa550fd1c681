using Shipgate.Samples.ModelService;

namespace ModelService.Tests;

public sealed class ModelArtifactTests
{
    [Theory]
    [InlineData("""{ "version": "1", "features": ["a","b"], "weights": [1], "bias": 0 }""", "one weight per feature (2), found 1")]
    [InlineData("""{ "features": ["a"], "weights": [1], "bias": 0 }""", "'version' is missing")]
    [InlineData("""{ "version": "1", "features": [], "weights": [], "bias": 0 }""", "at least one feature")]
    [InlineData("""{ "version": "1", "features": ["a","a"], "weights": [1,2], "bias": 0 }""", "'a' is listed twice")]
    [InlineData("""{ "version": "1", "features": ["a"], "weights": [1,], "bias": 0 }""", "line 1")]
    public void A_bad_artifact_is_rejected_naming_the_file_and_the_problem(string json, string problem)
    {
        var path = ModelFiles.Write(json);

        var error = Assert.Throws<ModelArtifactException>(() => LogisticModel.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_artifact_is_named()
    {
        var error = Assert.Throws<ModelArtifactException>(() => LogisticModel.Load("/nonexistent/model-v9.json"));

        Assert.Contains("/nonexistent/model-v9.json", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("model-v1.json", "1")]
    [InlineData("model-v2.json", "2")]
    public void Every_committed_artifact_is_valid(string file, string version)
    {
        var model = LogisticModel.Load(ModelFiles.Committed(file));

        Assert.Equal(version, model.Version);
        Assert.Equal(model.Features.Count, model.Weights.Count);
    }
}
