namespace Shipgate.DeployTargets.Routing;

/// <summary>A traffic-router failure with a kind and a message for a human (the router's own answer included).</summary>
public sealed class TrafficRouterException(RouterErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public RouterErrorKind Kind { get; } = kind;
}
