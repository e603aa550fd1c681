using System.Text.RegularExpressions;

namespace Shipgate.DeployTargets.Targets;

/// <summary>Service and environment names become engine object names, so they are restricted to [a-z0-9][a-z0-9_-]*.</summary>
public static partial class ServiceNames
{
    public static void Validate(string value, string parameter)
    {
        if (!NamePattern().IsMatch(value))
            throw new DeployTargetException(DeployErrorKind.InvalidOptions,
                $"{parameter} '{value}' is invalid: use lower-case letters, digits, '-' and '_' (at most 63, starting with a letter or digit).");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,62}$")]
    private static partial Regex NamePattern();
}
