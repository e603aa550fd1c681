namespace Shipgate.DeployTargets.Images;

/// <summary>Removes secret values from text that may reach a log or an exception.</summary>
public static class SecretMasker
{
    public const string Mask = "***";

    public static string Apply(string text, RegistryCredentials? credentials) =>
        credentials is null || credentials.Password.Length == 0 ? text : text.Replace(credentials.Password, Mask, StringComparison.Ordinal);
}
