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
    Locked,
    VersionRolledBack,
    Unhealthy,
    NothingToRollBack,
    NotASwarmManager,
    EngineError,
}
