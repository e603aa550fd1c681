using System.Reflection;

namespace Shipgate.PublicApi.Tests;

/// <summary>The libraries published as packages whose public API an adopter compiles against (the tool's is its command line).</summary>
internal static class PublishedLibraries
{
    public static readonly IReadOnlyList<string> Names =
        ["Shipgate.Core", "Shipgate.Pipeline", "Shipgate.Gates", "Shipgate.DeployTargets", "Shipgate.LocalStack", "Shipgate.Release"];

    // Referenced through Shipgate.Release, so every one is beside the test assembly.
    public static Assembly Load(string name) => Assembly.Load(name);
}
