using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Shipgate.LocalStack.Monitoring;

/// <summary>
/// Makes a running Prometheus read its configuration again (POST /-/reload; Prometheus must run with
/// <c>--web.enable-lifecycle</c>) and confirms the reload took, so a bad file is an error here, not a silent stale config.
/// </summary>
public sealed class PrometheusReloader(HttpClient httpClient)
{
    public async Task ReloadAsync(Uri prometheus, CancellationToken cancellationToken = default)
    {
        LoopbackGuard.Require(prometheus, nameof(prometheus));
        HttpResponseMessage response;
        try
        {
            response = await httpClient.PostAsync(new Uri(prometheus, "-/reload"), content: null, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new PrometheusReloadException($"Prometheus at {prometheus} is unreachable: {e.Message}", e);
        }

        using (response)
        {
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    break;
                case HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed:
                    throw new PrometheusReloadException(
                        $"Prometheus at {prometheus} refused the reload ({(int)response.StatusCode}): start it with --web.enable-lifecycle. {body}");
                default:
                    throw new PrometheusReloadException(
                        $"Prometheus at {prometheus} could not load its configuration ({(int)response.StatusCode}): {body}");
            }
        }

        // The endpoint answers after the reload; the status API confirms which configuration is live.
        if (!await LastReloadSucceededAsync(prometheus, cancellationToken))
        {
            throw new PrometheusReloadException($"Prometheus at {prometheus} reports its last configuration reload failed; see its log.");
        }
    }

    private async Task<bool> LastReloadSucceededAsync(Uri prometheus, CancellationToken cancellationToken)
    {
        var uri = new Uri(prometheus, "api/v1/status/runtimeinfo");
        using var response = await httpClient.GetAsync(uri, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var reloadConfigSuccess = json.RootElement.GetProperty("data").GetProperty("reloadConfigSuccess");
        return reloadConfigSuccess.ValueKind == JsonValueKind.True
            || (reloadConfigSuccess.ValueKind == JsonValueKind.String
                && bool.Parse(reloadConfigSuccess.GetString()!.ToString(CultureInfo.InvariantCulture)));
    }
}
