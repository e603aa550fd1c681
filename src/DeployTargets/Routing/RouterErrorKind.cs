namespace Shipgate.DeployTargets.Routing;

public enum RouterErrorKind
{
    /// <summary>The router's runtime API does not answer (not started, wrong socket, refused).</summary>
    Unreachable,

    /// <summary>The router refused a command; the message carries its answer.</summary>
    CommandRefused,

    /// <summary>The backend named is not configured in the router.</summary>
    NoSuchBackend,

    /// <summary>A name or value that the router cannot take (e.g. characters that would split a command).</summary>
    InvalidArgument,

    /// <summary>The router process did not start, or its configuration is invalid.</summary>
    StartFailed,
}
