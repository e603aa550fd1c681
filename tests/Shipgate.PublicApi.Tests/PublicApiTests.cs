namespace Shipgate.PublicApi.Tests;

/// <summary>
/// The public API of every published library is the approved one: adding, removing or changing a public member is a
/// decision for its adopters (a new package version), made by updating approved/NAME.txt in the same commit.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Libraries => [.. PublishedLibraries.Names];

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_public_API_is_the_approved_one(string library)
    {
        var assembly = PublishedLibraries.Load(library);
        var current = ApprovedApi.Current(assembly);
        var file = ApprovedApi.FileOf(assembly);
        if (ApprovedApi.Accepting)
            File.WriteAllText(file, current);

        var approved = File.Exists(file) ? File.ReadAllText(file).ReplaceLineEndings("\n") : "";
        Assert.True(approved == current, ApiDifference.Describe(library, file, approved, current, ApprovedApi.AcceptVariable));
    }

    [Fact]
    public void Every_approved_file_belongs_to_a_published_library()
    {
        var published = PublishedLibraries.Names.Select(name => name + ".txt").ToHashSet();
        var stale = System.IO.Directory.EnumerateFiles(ApprovedApi.Directory).Select(path => Path.GetFileName(path)).Where(f => !published.Contains(f)).ToList();
        Assert.True(stale.Count == 0, $"approved files of no published library: {string.Join(", ", stale)}");
    }

    [Fact]
    public void A_changed_member_is_named_with_its_sign_and_the_way_to_accept_it()
    {
        var approved = "public class A\n{\n    public void Kept() { }\n    public void Gone() { }\n}\n";
        var current = "public class A\n{\n    public void Kept() { }\n    public void New(int x) { }\n}\n";
        var message = ApiDifference.Describe("Lib", "approved/Lib.txt", approved, current, "ACCEPT");
        Assert.Contains("- public void Gone() { }", message, StringComparison.Ordinal);
        Assert.Contains("+ public void New(int x) { }", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Kept", message, StringComparison.Ordinal);
        Assert.Contains("ACCEPT=1", message, StringComparison.Ordinal);
    }
}
