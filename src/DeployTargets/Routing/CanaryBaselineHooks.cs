using Shipgate.DeployTargets.DockerHost;

namespace Shipgate.DeployTargets.Routing;

/// <summary>
/// How a platform runs a concurrent baseline beside a canary's steps (<see cref="ConcurrentBaseline"/> on Docker):
/// <see cref="Start"/> before them (null: none this time), <see cref="End"/> after them, with the canary's weight then
/// (0 after a failed analysis or a cancel, 100 after the switch). <see cref="RoutedRelease"/> calls both.
/// </summary>
internal sealed record CanaryBaselineHooks(
    Func<CancellationToken, Task<ConcurrentBaseline?>> Start,
    Func<ConcurrentBaseline, double, Task> End);
