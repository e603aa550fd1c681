namespace Shipgate.PublicApi.Tests;

/// <summary>The failure message of a changed public API: which lines went, which came, and how to accept the change.</summary>
internal static class ApiDifference
{
    private const int MaxLines = 40;

    public static string Describe(string library, string approvedFile, string approved, string current, string acceptVariable)
    {
        var before = Lines(approved);
        var after = Lines(current);
        var removed = before.Except(after).Select(line => "- " + line.Trim());
        var added = after.Except(before).Select(line => "+ " + line.Trim());
        var changes = removed.Concat(added).ToList();
        var shown = string.Join("\n", changes.Take(MaxLines)) + (changes.Count > MaxLines ? $"\n… and {changes.Count - MaxLines} more" : "");
        return $"""
            The public API of {library} differs from the approved one ({approvedFile}):
            {shown}
            If the change is deliberate (adopters compile against it), accept it with
              {acceptVariable}=1 dotnet test tests/Shipgate.PublicApi.Tests
            and commit the changed approved file with the change; otherwise make the member internal.
            """;
    }

    private static HashSet<string> Lines(string text) =>
        [.. text.Split('\n').Where(line => line.Trim().Length > 1)];
}
