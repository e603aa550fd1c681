using Shipgate.Pipeline.Execution;

namespace Shipgate.Pipeline.Tests.Execution;

/// <summary>Runs a build class in-process against a temporary root with a .nuke folder, capturing its output.</summary>
internal sealed class BuildHarness : IDisposable
{
    public BuildHarness()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".nuke"));
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "shipgate-test-" + Guid.NewGuid().ToString("N"));

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public int Run(ShipgateBuild build, string? defaultTarget, params string[] args) =>
        new BuildRunner(build, defaultTarget, args, new BuildEnvironment(Variables, Root, Root, Out, Error)).RunAsync().GetAwaiter().GetResult();

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
