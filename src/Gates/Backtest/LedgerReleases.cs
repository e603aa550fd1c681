using System.Globalization;
using System.Text.Json;

namespace Shipgate.Gates.Backtest;

/// <summary>
/// The past deploys of a release ledger (<c>artifacts/release/ledger.json</c>: current, previous, history) as
/// releases to replay: each against the release it replaced (its previous one), read up to the switch, as the
/// release did. Promoted ones count as healthy, rolled back ones as known bad; others (never decided) are left out.
/// </summary>
public static class LedgerReleases
{
    public static IReadOnlyList<BacktestRelease> Read(string path, string? service = null, string? environment = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new InvalidDataException($"{path}: not a readable release ledger: {e.Message}", e);
        }

        using (document)
        {
            var records = new List<JsonElement>();
            foreach (var name in new[] { "current", "previous" })
            {
                if (document.RootElement.TryGetProperty(name, out var one) && one.ValueKind == JsonValueKind.Object)
                    records.Add(one);
            }

            if (document.RootElement.TryGetProperty("history", out var history) && history.ValueKind == JsonValueKind.Array)
                records.AddRange(history.EnumerateArray());

            var byId = records.GroupBy(r => Text(r, "releaseId") ?? "").ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            return [.. byId.Values
                .Where(r => (service is null || Text(r, "service") == service) && (environment is null || Text(r, "environment") == environment))
                .Where(r => Text(r, "phase") is "Promoted" or "RolledBack" && Text(r, "version") is not null && Text(r, "deployedAt") is not null)
                .Select(r =>
                {
                    var deployedAt = DateTimeOffset.Parse(Text(r, "deployedAt")!, CultureInfo.InvariantCulture);
                    var previous = Text(r, "previousReleaseId") is { } id && byId.TryGetValue(id, out var p) ? Text(p, "version") : null;
                    return new BacktestRelease(Text(r, "version")!, previous, deployedAt, Text(r, "phase") == "RolledBack", previous is null ? null : deployedAt);
                })
                .OrderBy(r => r.DeployedAt)];
        }
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
