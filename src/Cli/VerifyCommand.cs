using System.CommandLine;
using System.Globalization;
using Shipgate.Core.Text;
using Shipgate.Gates.Model;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Reports;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;

namespace Shipgate.Cli;

/// <summary><c>shipgate verify --gates FILE --prometheus URL ...</c>: runs the analysis, prints progress and the verdict, writes reports.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var gates = new Option<string>("--gates") { Description = "the gates file", Required = true };
        var prometheus = new Option<string>("--prometheus") { Description = "the Prometheus server's URL", Required = true };
        var report = new Option<string>("--report") { Description = "write report.json, summary.md, junit.xml and charts/ here (also when interrupted)" };
        var policy = new Option<string>("--inconclusive-policy") { Description = "rollback or pause (overrides the file)" };
        policy.AcceptOnlyFromAmong([.. InconclusivePolicyNames.ByName.Keys]);
        var release = new ReleaseOptions();
        var connection = new ConnectionOptions();
        var command = new Command("verify", $"Verify a release: measure every gate, decide Pass (0), Fail (1) or Inconclusive (2).\n{ExitCodes.Help}.") { gates, prometheus, report, policy };
        foreach (var option in release.All.Concat(connection.All))
            command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = GatesFile.Load(parse.GetValue(gates)!, release.SetNames(parse));
            var context = release.Build(parse, document.Window);
            var (_, windowSource) = release.ChooseWindow(parse, document.Window);
            var inconclusivePolicy = parse.GetValue(policy) is { } p ? InconclusivePolicyNames.ByName[p] : document.Policy;
            using var client = new PrometheusClient(connection.Build(parse, parse.GetValue(prometheus)!));
            var verifier = new Verifier(client) { ScrapeSelector = document.ScrapeSelector };
            verifier.Measured += (m, d) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{m.Time:HH:mm:ss} {m.Gate,-28} {m.Phase,-12} value={m.Value?.ToString("G4", CultureInfo.InvariantCulture) ?? "-"} samples={m.SampleSize?.ToString("0", CultureInfo.InvariantCulture) ?? "-"} {m.Reason}{(d.IsFinal ? $" => gate {d.Status}" : "")}"));

            await output.WriteLineAsync($"verifying {document.Gates.Count} gates from {document.Source} against {client}").ConfigureAwait(false);
            var own = document.Gates.Where(g => g.Window is not null).Select(g => $"{g.Name} {PromDuration.Format(g.Window!.Value)}").ToList();
            await output.WriteLineAsync($"window: {PromDuration.Format(context.Window)} from {windowSource}{(own.Count > 0 ? $"; gates with their own: {string.Join(", ", own)}" : "")}").ConfigureAwait(false);

            AnalysisResult result;
            try
            {
                result = await verifier.VerifyAsync(document.Gates, context, inconclusivePolicy, cancellationToken).ConfigureAwait(false);
            }
            catch (VerificationInterruptedException e)
            {
                await error.WriteLineAsync("shipgate: interrupted before a verdict: inconclusive").ConfigureAwait(false);
                await ReportAsync(e.PartialResult, parse.GetValue(report), output).ConfigureAwait(false);
                return ExitCodes.Inconclusive;
            }

            await ReportAsync(result, parse.GetValue(report), output).ConfigureAwait(false);
            if (result.Verdict == Verdict.Inconclusive && result.Action == ReleaseAction.Pause)
                await error.WriteLineAsync("inconclusive: the policy is to pause for a release manager").ConfigureAwait(false);
            var code = ExitCodes.For(result);
            if (code == ExitCodes.BackendUnavailable)
                await error.WriteLineAsync("shipgate: the metrics backend failed during the analysis: nothing can be said about the release").ConfigureAwait(false);
            return code;
        });
        return command;
    }

    private static async Task ReportAsync(AnalysisResult result, string? directory, TextWriter output)
    {
        await output.WriteLineAsync($"verdict: {result.Verdict} (action: {result.Action})").ConfigureAwait(false);
        foreach (var reason in result.Reasons)
            await output.WriteLineAsync($"  {reason}").ConfigureAwait(false);
        foreach (var warning in result.Warnings)
            await output.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
        foreach (var gate in result.Gates.Where(g => g.Decision.Status == GateStatus.NotApplicable))
            await output.WriteLineAsync($"  {gate.Gate}: NotApplicable: {gate.Decision.Reason}").ConfigureAwait(false);
        if (directory is not null)
        {
            ReportWriter.WriteAll(result, directory);
            await output.WriteLineAsync($"reports written to {directory}").ConfigureAwait(false);
        }
    }
}
