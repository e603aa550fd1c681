using System.Text.RegularExpressions;

namespace Shipgate.DeployTargets.Images;

/// <summary>Tag rules of the registry API: [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}.</summary>
public static partial class ImageTags
{
    public static string Validate(string tag, string parameter)
    {
        if (!TagPattern().IsMatch(tag))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions,
                $"'{tag}' is not a valid image tag for {parameter}: use letters, digits, '_', '.', '-' (at most 128, not starting with '.' or '-').");
        return tag;
    }

    [GeneratedRegex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$")]
    private static partial Regex TagPattern();
}
