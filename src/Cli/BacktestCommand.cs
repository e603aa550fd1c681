using System.CommandLine;
using System.Globalization;
using Shipgate.Gates.Backtest;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Yaml;

namespace Shipgate.Cli;

/// <summary>
/// <c>shipgate backtest --gates FILE --prometheus URL --service S (--ledger FILE | --release VERSION@TIME ...)</c>:
/// replays the gates over past releases and says how often they would have rolled back healthy versions and how
/// fast they would have caught the known bad ones. Exit 0 when none healthy would have been rolled back and every
/// known bad one caught, 1 otherwise, 3 on a usage or configuration error.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create(TextWriter output)
    {
        var gates = new Option<string>("--gates") { Description = "the gates file", Required = true };
        var prometheus = new Option<string>("--prometheus") { Description = "the Prometheus server's URL (its history is replayed)", Required = true };
        var service = new Option<string>("--service") { Description = "the service whose releases are replayed", Required = true };
        var environment = new Option<string>("--environment") { Description = "{{environment}} for the queries; with --ledger, only this environment's deploys" };
        var ledger = new Option<string>("--ledger") { Description = "replay every decided deploy of this release ledger (artifacts/release/ledger.json): promoted ones are healthy, rolled back ones bad" };
        var releases = new Option<string[]>("--release") { Description = "a release assumed at a past time, VERSION@TIME (ISO 8601, e.g. 2@2026-12-01T10:00:00Z); repeat for more", AllowMultipleArgumentsPerToken = false };
        var baseline = new Option<string>("--baseline-version") { Description = "with --release: the version serving beside it, compared with" };
        var bad = new Option<string[]>("--bad") { Description = "with --release: a version known to be bad; repeat for more" };
        var connection = new ConnectionOptions();
        var command = new Command("backtest", "Replay gates over past releases of a real Prometheus: how often would they have rolled back healthy versions, how fast caught the bad ones?\nexit codes: 0 none healthy rolled back and every bad one caught, 1 otherwise, 3 usage or configuration error.")
        {
            gates, prometheus, service, environment, ledger, releases, baseline, bad,
        };
        foreach (var option in connection.All)
            command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = GatesFile.Load(parse.GetValue(gates)!);
            var assumed = parse.GetValue(ledger) is { } ledgerPath
                ? Ledger(ledgerPath, parse.GetValue(service)!, parse.GetValue(environment))
                : Assumed(parse.GetValue(releases) ?? [], parse.GetValue(baseline), parse.GetValue(bad) ?? []);
            if (assumed.Count == 0)
                throw new UsageException("nothing to replay: give --ledger FILE or --release VERSION@TIME");

            using var client = new PrometheusClient(connection.Build(parse, parse.GetValue(prometheus)!));
            await output.WriteLineAsync($"replaying {document.Gates.Count} gates from {document.Source} over {assumed.Count} releases against {client}").ConfigureAwait(false);
            var summary = await new Backtester(client).RunAsync(document, parse.GetValue(service)!, parse.GetValue(environment), assumed, DateTimeOffset.UtcNow, cancellationToken).ConfigureAwait(false);
            foreach (var line in summary.Lines())
                await output.WriteLineAsync(line).ConfigureAwait(false);
            return summary.Trustworthy ? ExitCodes.Pass : ExitCodes.Fail;
        });
        return command;
    }

    private static IReadOnlyList<BacktestRelease> Ledger(string path, string service, string? environment)
    {
        try
        {
            return LedgerReleases.Read(path, service, environment);
        }
        catch (InvalidDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    private static List<BacktestRelease> Assumed(string[] releases, string? baseline, string[] bad) => [.. releases.Select(text =>
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || !DateTimeOffset.TryParse(text[(at + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            throw new UsageException($"--release '{text}': expected VERSION@TIME, e.g. 2@2026-12-01T10:00:00Z");
        var version = text[..at];
        return new BacktestRelease(version, baseline, time, bad.Contains(version, StringComparer.Ordinal));
    })];
}
