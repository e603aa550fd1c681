namespace Shipgate.DeployTargets.Images;

/// <summary>Registry credentials. The password never appears in ToString, logs or exceptions.</summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = {SecretMasker.Mask} }}";
}
