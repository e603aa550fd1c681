using Shipgate.DeployTargets.Routing;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// The router steps of a Docker release: <see cref="ReleaseRouting"/> with one server per release (its container),
/// named by its release id.
/// </summary>
internal sealed class DockerRouting(DockerRouterOptions options) : ReleaseRouting(options);
