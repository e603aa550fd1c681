using System.Globalization;
using Docker.DotNet.Models;
using Shipgate.DeployTargets.Engine;

namespace Shipgate.DeployTargets.Ledger;

/// <summary>
/// Keeps ledger entries in the engine as labelled volumes (no image needed, survive container removal).
/// Labels are immutable, so a change writes revision n+1 first and removes older revisions after: a crash
/// between the two leaves both, and readers take the highest.
/// </summary>
internal sealed class LedgerStore(EngineConnection connection)
{
    public const string EntryKind = "ledger";

    public async Task<ReleaseHistory> ReadAsync(string service, string environment, CancellationToken cancellationToken)
    {
        using var client = connection.CreateClient();
        var response = await EngineErrors.Call(connection, $"reading the ledger of {service}/{environment}", () =>
            client.Volumes.ListAsync(new VolumesListParameters { Filters = Filters(service, environment) }, cancellationToken)).ConfigureAwait(false);
        var records = (response.Volumes ?? [])
            .Select(v => LedgerLabels.TryParse(v.Labels, out _))
            .OfType<ReleaseRecord>()
            .ToList();
        return new ReleaseHistory(records);
    }

    /// <summary>Writes the record as the next revision of its release and returns what was written.</summary>
    public async Task<ReleaseRecord> WriteAsync(ReleaseRecord record, CancellationToken cancellationToken)
    {
        var written = record with { Revision = record.Revision + 1, UpdatedAt = DateTimeOffset.UtcNow };
        using var client = connection.CreateClient();
        await EngineErrors.Call(connection, $"writing the ledger entry of release {record.ReleaseId}", () =>
            client.Volumes.CreateAsync(new VolumesCreateParameters
            {
                Name = VolumeName(written),
                Labels = LedgerLabels.ToLabels(written, EntryKind),
            }, cancellationToken)).ConfigureAwait(false);
        var all = await EngineErrors.Call(connection, "listing ledger revisions", () =>
            client.Volumes.ListAsync(new VolumesListParameters { Filters = Filters(record.Service, record.Environment) }, cancellationToken)).ConfigureAwait(false);
        foreach (var old in (all.Volumes ?? []).Where(v =>
                     v.Labels.Label(LedgerLabels.ReleaseId) == record.ReleaseId && v.Name != VolumeName(written)))
        {
            await EngineErrors.Call(connection, "removing an old ledger revision", () => client.Volumes.RemoveAsync(old.Name, force: true, cancellationToken)).ConfigureAwait(false);
        }
        return written;
    }

    private static string VolumeName(ReleaseRecord r) =>
        $"shipgate-ledger.{r.Service}.{r.Environment}.{r.ReleaseId}.r{r.Revision.ToString(CultureInfo.InvariantCulture)}";

    internal static Dictionary<string, IDictionary<string, bool>> Filters(string service, string environment) => new()
    {
        ["label"] = new Dictionary<string, bool>
        {
            [$"{LedgerLabels.Kind}={EntryKind}"] = true,
            [$"{LedgerLabels.Service}={service}"] = true,
            [$"{LedgerLabels.Environment}={environment}"] = true,
        },
    };
}
