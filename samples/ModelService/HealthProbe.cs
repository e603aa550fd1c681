namespace Shipgate.Samples.ModelService;

/// <summary>
/// <c>ModelService --probe [URL]</c>: GET /health and exit 0 or 1. The image has no curl or wget,
/// so the binary itself serves as the Docker HEALTHCHECK command.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--probe";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args.Length > 1 ? args[1] : FromListenAddress(
            ListenAddress.FromDeployTarget(Environment.GetEnvironmentVariable) ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS"));
        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
            using var response = await client.GetAsync(new Uri(url));
            await Console.Out.WriteLineAsync($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            await Console.Error.WriteLineAsync($"{url}: {e.Message}");
            return 1;
        }
    }

    /// <summary>The first listen address, with wildcard hosts replaced by loopback, plus /health.</summary>
    internal static string FromListenAddress(string? urls)
    {
        var first = (urls ?? "http://127.0.0.1:8080").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .DefaultIfEmpty("http://127.0.0.1:8080").First();
        var wildcard = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return wildcard.TrimEnd('/') + "/health";
    }
}
