using System.CommandLine;
using Shipgate.Gates.Providers.Prometheus;

namespace Shipgate.Cli;

/// <summary>
/// How to reach Prometheus from the command line. Secrets come from files or environment variables,
/// never from arguments (which every process listing shows).
/// </summary>
internal sealed class ConnectionOptions
{
    public const string TokenVariable = "SHIPGATE_PROMETHEUS_TOKEN";
    public const string PasswordVariable = "SHIPGATE_PROMETHEUS_PASSWORD";

    public Option<string> CaFile { get; } = new("--ca-file") { Description = "PEM bundle of CA certificates to trust for https" };

    public Option<string> ClientCert { get; } = new("--client-cert") { Description = "PEM client certificate for mutual TLS" };

    public Option<string> ClientKey { get; } = new("--client-key") { Description = "PEM private key of the client certificate" };

    public Option<string> BearerTokenFile { get; } = new("--bearer-token-file") { Description = $"file holding a bearer token (or set {TokenVariable})" };

    public Option<string> Username { get; } = new("--username") { Description = $"basic auth user; the password comes from --password-file or {PasswordVariable}" };

    public Option<string> PasswordFile { get; } = new("--password-file") { Description = "file holding the basic auth password" };

    public Option<string> Timeout { get; } = new("--timeout") { Description = "per request, e.g. 10s (default 10s, at most 10m)" };

    public Option<int?> Retries { get; } = new("--retries") { Description = "retries after transient failures, 0 to 10 (default 3)" };

    public IEnumerable<Option> All => [CaFile, ClientCert, ClientKey, BearerTokenFile, Username, PasswordFile, Timeout, Retries];

    public PrometheusOptions Build(ParseResult parse, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
            throw new UsageException($"--prometheus: '{url}' is not an absolute URL");
        var token = parse.GetValue(BearerTokenFile) is { } tokenFile ? ReadSecret(tokenFile, "--bearer-token-file") : Environment.GetEnvironmentVariable(TokenVariable);
        var user = parse.GetValue(Username);
        var password = parse.GetValue(PasswordFile) is { } passwordFile ? ReadSecret(passwordFile, "--password-file") : Environment.GetEnvironmentVariable(PasswordVariable);
        var timeout = parse.GetValue(Timeout) is { } t
            ? DurationOption.Parse(t, "--timeout", TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(10), "10s")
            : TimeSpan.FromSeconds(10);
        var retries = parse.GetValue(Retries) ?? 3;
        if (retries is < 0 or > 10)
            throw new UsageException($"--retries: {retries} is out of range: from 0 to 10");
        try
        {
            var options = new PrometheusOptions(uri);
            return new PrometheusOptions(uri)
            {
                CaBundlePath = ExistingFile(parse.GetValue(CaFile), "--ca-file"),
                ClientCertificatePath = ExistingFile(parse.GetValue(ClientCert), "--client-cert"),
                ClientKeyPath = ExistingFile(parse.GetValue(ClientKey), "--client-key"),
                BearerToken = string.IsNullOrEmpty(token) ? null : token,
                Username = user ?? options.Username,
                Password = user is not null ? password : options.Password,
                Timeout = timeout,
                Retries = retries,
            };
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--prometheus: {e.Message}");
        }
    }

    private static string ReadSecret(string path, string option) =>
        File.Exists(path) ? File.ReadAllText(path).Trim() : throw new UsageException($"{option}: no file '{path}'");

    private static string? ExistingFile(string? path, string option) =>
        path is null || File.Exists(path) ? path : throw new UsageException($"{option}: no file '{path}'");
}
