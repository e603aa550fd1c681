using System.Reflection;
using PublicApiGenerator;

namespace Shipgate.PublicApi.Tests;

/// <summary>
/// Where an assembly's approved public API is kept (approved/NAME.txt) and how a change is accepted: run the tests
/// with SHIPGATE_ACCEPT_API=1, which writes the current API over the approved one, and commit the diff.
/// </summary>
internal static class ApprovedApi
{
    public const string AcceptVariable = "SHIPGATE_ACCEPT_API";

    public static string Directory => Path.Combine(Testing.RepositoryPaths.Root, "tests", "Shipgate.PublicApi.Tests", "approved");

    public static string FileOf(Assembly assembly) => Path.Combine(Directory, assembly.GetName().Name + ".txt");

    // Attributes that change with the build, or name our own test projects, are no part of what an adopter compiles against.
    public static string Current(Assembly assembly) => assembly.GeneratePublicApi(new ApiGeneratorOptions
    {
        ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute"],
    }).ReplaceLineEndings("\n");

    public static bool Accepting => Environment.GetEnvironmentVariable(AcceptVariable) == "1";
}
