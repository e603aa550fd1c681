using System.Text.RegularExpressions;

namespace Shipgate.Pipeline.CI;

/// <summary>Names that must be valid in all three systems at once: job ids, environments, secret variables.</summary>
internal static partial class CiNames
{
    // Top-level keys GitLab reads as keywords, not jobs: a stage with one of these ids would vanish or break the file.
    private static readonly HashSet<string> GitLabKeywords =
        ["image", "services", "stages", "types", "before_script", "after_script", "variables", "cache", "include", "workflow", "default", "pages", "spec"];

    public static void ThrowIfInvalid(string name, string what)
    {
        if (!Identifier().IsMatch(name ?? ""))
            throw new CiDeclarationException($"Invalid {what} '{name}': use lower-case letters, digits and dashes, starting with a letter.");
        if (what == "stage id" && GitLabKeywords.Contains(name!))
            throw new CiDeclarationException($"Invalid stage id '{name}': GitLab reads it as a keyword; choose another (e.g. 'build-{name}').");
    }

    public static void ThrowIfInvalidVariable(string name)
    {
        if (!Variable().IsMatch(name ?? ""))
            throw new CiDeclarationException($"Invalid variable name '{name}': use an environment variable name (upper-case letters, digits, underscores).");
    }

    /// <summary>Jenkins credential ids by convention: <c>REGISTRY_PASSWORD</c> → <c>registry-password</c>.</summary>
    public static string CredentialId(string variable) => variable.ToLowerInvariant().Replace('_', '-');

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex Variable();
}
