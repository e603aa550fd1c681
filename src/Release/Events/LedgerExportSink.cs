using System.Text.Json;
using System.Text.Json.Serialization;
using Shipgate.DeployTargets.Targets;

namespace Shipgate.Release.Events;

/// <summary>Writes the ledger as it stands after each step to <c>artifacts/release/ledger.json</c> (a CI artifact, and backtest input).</summary>
public sealed class LedgerExportSink(string path, IDeployTarget platform) : IReleaseSink
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public async Task OnAsync(ReleaseEvent releaseEvent, CancellationToken cancellationToken)
    {
        // A canary's steps are announced from inside the deploy, which holds the release lease's one call slot: asking
        // the platform then would wait for the deploy forever. The ledger is written again when the deploy ends.
        if (releaseEvent is ReleaseEvent.Deploying or ReleaseEvent.CanaryAnalysing or ReleaseEvent.CanaryAnalysed)
            return;
        var status = await platform.StatusAsync(cancellationToken).ConfigureAwait(false);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(
            new { current = status.Current?.Record, previous = status.Previous, history = status.History }, Json), cancellationToken).ConfigureAwait(false);
    }
}
