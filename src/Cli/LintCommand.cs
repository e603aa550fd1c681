using System.CommandLine;
using Shipgate.Gates.Providers.Prometheus;
using Shipgate.Gates.Verification;
using Shipgate.Gates.Yaml;

namespace Shipgate.Cli;

/// <summary><c>shipgate lint GATES.yaml [--prometheus URL]</c>: the file's structure and templates, and with a server every query.</summary>
internal static class LintCommand
{
    public static Command Create(TextWriter output)
    {
        var file = new Argument<string>("gates") { Description = "the gates file, e.g. deploy/gates.yaml" };
        var prometheus = new Option<string>("--prometheus") { Description = "also have this server parse every query" };
        var release = new ReleaseOptions();
        var connection = new ConnectionOptions();
        var command = new Command("lint", $"Check a gates file: keys, values and template variables; with --prometheus also the PromQL and the error matchers' labels.\n{ExitCodes.Help}.") { file, prometheus };
        foreach (var option in release.All.Concat(connection.All))
            command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var document = GatesFile.Load(path, release.SetNames(parse));
            if (parse.GetValue(prometheus) is { } url)
            {
                using var client = new PrometheusClient(connection.Build(parse, url));
                var problems = await GatesPreflight.CheckAsync(document, release.Build(parse, document.Window, placeholders: true), client, cancellationToken).ConfigureAwait(false);
                if (problems.Count > 0)
                    throw new GateConfigurationException(problems);
                await output.WriteLineAsync($"{path}: {document.Gates.Count} gates, every query parsed and every error matcher's labels found by {client}").ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"{path}: {document.Gates.Count} gates OK ({string.Join(", ", document.Gates.Select(g => $"{g.Name}: {g.Kind}"))})").ConfigureAwait(false);
            }

            return ExitCodes.Pass;
        });
        return command;
    }
}
