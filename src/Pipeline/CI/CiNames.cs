using System.Text.RegularExpressions;

namespace Shipgate.Pipeline.CI;

/// <summary>Names that must be valid in all three systems at once: job ids, environments, secret variables.</summary>
internal static partial class CiNames
{
    public static void ThrowIfInvalid(string name, string what)
    {
        if (!Identifier().IsMatch(name ?? ""))
            throw new CiDeclarationException($"Invalid {what} '{name}': use lower-case letters, digits and dashes, starting with a letter.");
    }

    public static void ThrowIfInvalidVariable(string name)
    {
        if (!Variable().IsMatch(name ?? ""))
            throw new CiDeclarationException($"Invalid secret name '{name}': use an environment variable name (upper-case letters, digits, underscores).");
    }

    /// <summary>Jenkins credential ids by convention: <c>REGISTRY_PASSWORD</c> → <c>registry-password</c>.</summary>
    public static string CredentialId(string variable) => variable.ToLowerInvariant().Replace('_', '-');

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Z][A-Z0-9_]*$")]
    private static partial Regex Variable();
}
