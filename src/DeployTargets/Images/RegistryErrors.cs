namespace Shipgate.DeployTargets.Images;

/// <summary>Classifies the engine's registry error text (push or pull) into an error kind.</summary>
public static class RegistryErrors
{
    public static DeployErrorKind Classify(string message)
    {
        var m = message.ToLowerInvariant();
        if (m.Contains("unauthorized") || m.Contains("authentication required") || m.Contains("no basic auth credentials")
            || m.Contains("denied") || m.Contains("incorrect username or password"))
            return DeployErrorKind.RegistryAuthRefused;
        if (m.Contains("manifest unknown") || m.Contains("not found") || m.Contains("no such image"))
            return DeployErrorKind.ImageMissing;
        if (m.Contains("connection refused") || m.Contains("dial tcp") || m.Contains("i/o timeout") || m.Contains("eof")
            || m.Contains("502") || m.Contains("503") || m.Contains("504") || m.Contains("connection reset") || m.Contains("timeout"))
            return DeployErrorKind.RegistryUnavailable;
        return DeployErrorKind.EngineError;
    }
}
