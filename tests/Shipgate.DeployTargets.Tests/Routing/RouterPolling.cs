using Shipgate.DeployTargets.Routing;

namespace Shipgate.DeployTargets.Tests.Routing;

internal static class RouterPolling
{
    /// <summary>Polls the router's state (every 20 ms) until the condition holds; how long it took.</summary>
    public static async Task<TimeSpan> WaitUntilAsync(
        ITrafficRouter router, string backend, Func<BackendState, bool> condition, TimeSpan timeout)
    {
        var start = Prober.Now;
        while (true)
        {
            var state = await router.ReadStateAsync(backend);
            if (condition(state))
                return Prober.Now - start;
            if (Prober.Now - start > timeout)
                throw new TimeoutException($"the router's state did not change within {timeout}: {string.Join(", ", state.Servers)}");
            await Task.Delay(20);
        }
    }
}
