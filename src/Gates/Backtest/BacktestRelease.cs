namespace Shipgate.Gates.Backtest;

/// <summary>A release assumed at a past time, to replay the gates over.</summary>
/// <param name="Version">The version deployed.</param>
/// <param name="BaselineVersion">The version it is compared with; null: the baseline gates do not apply.</param>
/// <param name="DeployedAt">When it was deployed: the analysis starts here.</param>
/// <param name="KnownBad">Whether it is known to have been bad (the gates should roll it back).</param>
/// <param name="BaselineTime">
/// When the baseline's data is read: null for a baseline that served beside the new version; the switch for a
/// previous version replaced by it (as a release does).
/// </param>
public sealed record BacktestRelease(string Version, string? BaselineVersion, DateTimeOffset DeployedAt, bool KnownBad, DateTimeOffset? BaselineTime = null);
