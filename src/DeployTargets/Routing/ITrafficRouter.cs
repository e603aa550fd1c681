namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// A traffic router in front of a service's versions: one backend per service, one server per serving instance
/// (a container, or a Swarm task on its own port), each with an integer weight. Kept to what HAProxy, nginx,
/// Traefik and a Kubernetes Gateway can all do (src/DeployTargets/Routing/README.md says what each needs), so the
/// release decides percentages once (<see cref="WeightPlanner"/>) and any router carries them out.
/// </summary>
public interface ITrafficRouter
{
    /// <summary>The largest weight one server can have (HAProxy 256, Gateway API 1,000,000).</summary>
    int MaxWeight { get; }

    /// <summary>
    /// Makes sure the backend exists and routes to these servers, health-checked: a missing server is added with
    /// its weight, a present one gets its weight (and is made ready if it was drained). Servers not named are left
    /// alone. Idempotent.
    /// </summary>
    Task EnsureBackendAsync(string backend, IReadOnlyList<RoutedServer> servers, CancellationToken cancellationToken = default);

    /// <summary>Sets the weights of the named servers together, without a reload; a server not named keeps its weight.</summary>
    Task SetWeightsAsync(string backend, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends the server no new request, waits until its requests in flight have finished (at most
    /// <paramref name="drainTimeout"/>; the ones still running then are cut and counted), then removes it.
    /// Removing a server that is not there is not an error.
    /// </summary>
    Task<ServerRemoval> DrainAndRemoveAsync(string backend, string server, TimeSpan drainTimeout, CancellationToken cancellationToken = default);

    /// <summary>The backend's servers as the router sees them now.</summary>
    Task<BackendState> ReadStateAsync(string backend, CancellationToken cancellationToken = default);
}
