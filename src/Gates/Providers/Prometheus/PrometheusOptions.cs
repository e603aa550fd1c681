namespace Shipgate.Gates.Providers.Prometheus;

/// <summary>
/// How to reach a Prometheus server. A class, not a record: a record's generated ToString would print
/// the credentials; this one masks them.
/// </summary>
public sealed class PrometheusOptions
{
    public PrometheusOptions(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"the Prometheus URL must be absolute http or https, not '{baseUrl.GetComponents(UriComponents.SchemeAndServer, UriFormat.Unescaped)}'", nameof(baseUrl));

        // Credentials written into the URL move to basic auth so they never travel in a logged URL.
        if (baseUrl.UserInfo is { Length: > 0 } userInfo)
        {
            var parts = userInfo.Split(':', 2);
            Username = Uri.UnescapeDataString(parts[0]);
            Password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            baseUrl = new UriBuilder(baseUrl) { UserName = "", Password = "" }.Uri;
        }

        BaseUrl = baseUrl;
    }

    /// <summary>The server's address without credentials.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Per request, including the server's own query timeout.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after a transient failure (connection, 5xx, 429), with exponential backoff from <see cref="RetryDelay"/>.</summary>
    public int Retries { get; init; } = 3;

    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>PEM file of CA certificates to trust instead of the system's.</summary>
    public string? CaBundlePath { get; init; }

    /// <summary>PEM client certificate (with <see cref="ClientKeyPath"/>, or a key in the same file).</summary>
    public string? ClientCertificatePath { get; init; }

    public string? ClientKeyPath { get; init; }

    public string? BearerToken { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    /// <summary>The credential values that must never appear in output.</summary>
    public IReadOnlyList<string> Secrets => new[] { BearerToken, Password }.Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();

    public override string ToString() =>
        $"{BaseUrl} (auth: {(BearerToken is not null ? "bearer ***" : Username is not null ? $"basic {Username}:***" : "none")}, timeout {Timeout.TotalSeconds:0.###}s, retries {Retries})";
}
