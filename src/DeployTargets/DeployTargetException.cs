namespace Shipgate.DeployTargets;

/// <summary>
/// A deploy-target failure with a kind and a message meant for a human. Messages never carry secrets:
/// registry errors pass through <see cref="Images.RegistryCredentials.Mask"/> before they get here.
/// </summary>
public sealed class DeployTargetException : Exception
{
    public DeployTargetException(DeployErrorKind kind, string message, Exception? inner = null)
        : base(message, inner) => Kind = kind;

    public DeployErrorKind Kind { get; }
}
