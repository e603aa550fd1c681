using Shipgate.Core.Secrets;

namespace Shipgate.DeployTargets.Images;

/// <summary>Registry credentials. The password never appears in ToString, logs or exceptions.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <summary>Masks the password in text bound for a log or an exception (a registry may echo it).</summary>
    public static string Mask(string text, RegistryCredentials? credentials) => SecretMasker.Of(credentials?.Password).Mask(text);

    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = {SecretMasker.Replacement} }}";
}
