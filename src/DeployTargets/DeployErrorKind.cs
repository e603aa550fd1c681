namespace Shipgate.DeployTargets;

/// <summary>What went wrong, so callers (and on-call) can act on the kind rather than parse messages.</summary>
public enum DeployErrorKind
{
    DaemonUnreachable,
    ImageMissing,
    RegistryAuthRefused,
    RegistryUnavailable,
    PortInUse,
    InvalidOptions,
    BuildFailed,

    /// <summary>Another process (or another lease of this one) holds the service's deploy lock; the message names the holder and its release.</summary>
    Locked,
    VersionRolledBack,
    Unhealthy,
    NothingToRollBack,
    NotASwarmManager,
    EngineError,

    /// <summary>The call names a release (the one the caller verified) that is not the one serving now; the message names both.</summary>
    ReleaseMismatch,

    /// <summary>The release is not in a phase that allows the transition (e.g. pausing a release that is not being verified).</summary>
    WrongPhase,

    /// <summary>The engine's TLS endpoint refused the connection: wrong CA, client certificate or key.</summary>
    TlsRefused,

    /// <summary>The traffic router in front of the service refused a command or did not answer.</summary>
    RouterError,

    /// <summary>A canary step's analysis did not pass: the canary was taken out of the traffic at once, then drained and removed.</summary>
    CanaryFailed,
}
