using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Flurl.Http;
using Polly;
using Polly.Retry;
using Shipgate.Core.Secrets;

namespace Shipgate.Gates.Providers.Prometheus;

/// <summary>
/// The Prometheus HTTP API as an <see cref="IMetricSource"/>: instant and range queries of every result
/// type, alerts, and query validation against the server. Transient failures (connection, 5xx, 429)
/// are retried with exponential backoff; credentials are masked in every message.
/// </summary>
public sealed class PrometheusClient : IMetricSource, IDisposable
{
    private readonly PrometheusOptions _options;
    private readonly FlurlClient _client;
    private readonly ResiliencePipeline _retry;
    private readonly SecretMasker _mask;

    public PrometheusClient(PrometheusOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _mask = SecretMasker.Of(options.Secrets);
        var http = new HttpClient(PrometheusHttpHandler.Create(options)) { Timeout = Timeout.InfiniteTimeSpan };
        if (options.BearerToken is { } token)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        else if (options.Username is { } user)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{options.Password}")));
        _client = new FlurlClient(http) { BaseUrl = options.BaseUrl.ToString() };
        _retry = options.Retries <= 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<MetricSourceException>(e => e.IsTransient),
                    MaxRetryAttempts = options.Retries,
                    Delay = options.RetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                })
                .Build();
    }

    public async Task<QueryResult> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string> { ["query"] = query, ["timeout"] = ServerTimeout() };
        if (at is { } time)
            form["time"] = PrometheusResponse.FormatTime(time);
        var data = await PostAsync("api/v1/query", form, cancellationToken).ConfigureAwait(false);
        return Parse(() => PrometheusResponse.ParseQueryData(data));
    }

    public async Task<QueryResult> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["query"] = query,
            ["start"] = PrometheusResponse.FormatTime(start),
            ["end"] = PrometheusResponse.FormatTime(end),
            ["step"] = step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture),
            ["timeout"] = ServerTimeout(),
        };
        var data = await PostAsync("api/v1/query_range", form, cancellationToken).ConfigureAwait(false);
        return Parse(() => PrometheusResponse.ParseQueryData(data));
    }

    /// <summary>
    /// Prometheus 2.42 (Debian bookworm) has no /api/v1/parse_query, so the query is run once as an instant
    /// query: a parse error comes back as 400 bad_data with the parser's message and position.
    /// </summary>
    public async Task ValidateAsync(string query, CancellationToken cancellationToken)
    {
        try
        {
            await QueryAsync(query, null, cancellationToken).ConfigureAwait(false);
        }
        catch (MetricSourceClientException e) when (e.StatusCode == 400 && e.ErrorType == "bad_data")
        {
            throw new InvalidQueryException(query, e.Message);
        }
    }

    public async Task<IReadOnlyList<FiringAlert>> FiringAlertsAsync(CancellationToken cancellationToken)
    {
        var data = await SendAsync("GET api/v1/alerts", r => r.GetAsync(cancellationToken: cancellationToken), "api/v1/alerts", cancellationToken).ConfigureAwait(false);
        return Parse(() => PrometheusResponse.ParseFiringAlerts(data));
    }

    /// <summary>Prometheus's label API (<c>/api/v1/labels?match[]=</c>) over the time range.</summary>
    public async Task<IReadOnlyList<string>> LabelNamesAsync(string selector, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>
        {
            ["match[]"] = selector,
            ["start"] = PrometheusResponse.FormatTime(start),
            ["end"] = PrometheusResponse.FormatTime(end),
        };
        var data = await PostAsync("api/v1/labels", form, cancellationToken).ConfigureAwait(false);
        return Parse(() => data.EnumerateArray().Select(e => e.GetString() ?? "").Where(n => n.Length > 0 && n != "__name__").Order(StringComparer.Ordinal).ToList());
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The server and how it is reached, credentials masked.</summary>
    public override string ToString() => _options.ToString();

    private Task<JsonElement> PostAsync(string path, Dictionary<string, string> form, CancellationToken cancellationToken) =>
        SendAsync($"POST {path}", r => r.PostUrlEncodedAsync(form, cancellationToken: cancellationToken), path, cancellationToken);

    private async Task<JsonElement> SendAsync(string what, Func<IFlurlRequest, Task<IFlurlResponse>> send, string path, CancellationToken cancellationToken) =>
        await _retry.ExecuteAsync(async ct => await SendOnceAsync(what, send, path, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    private async Task<JsonElement> SendOnceAsync(string what, Func<IFlurlRequest, Task<IFlurlResponse>> send, string path, CancellationToken cancellationToken)
    {
        var target = $"{what} at {_options.BaseUrl}";
        IFlurlResponse response;
        try
        {
            response = await send(_client.Request(path).AllowAnyHttpStatus().WithTimeout(_options.Timeout)).ConfigureAwait(false);
        }
        catch (FlurlHttpTimeoutException)
        {
            throw new MetricSourceConnectionException($"{target}: no answer within {_options.Timeout.TotalSeconds:0.###}s");
        }
        catch (FlurlHttpException e) when (!cancellationToken.IsCancellationRequested)
        {
            // No response: refused, unreachable, TLS. The inner exception's message says which; it never holds headers.
            throw new MetricSourceConnectionException(_mask.Mask($"{target}: cannot connect: {Innermost(e)}"));
        }

        using (response)
        {
            var body = await response.GetStringAsync().ConfigureAwait(false);
            var (errorType, error, data) = ReadEnvelope(body);
            var status = response.StatusCode;
            if (status is >= 200 and < 300 && data is { } ok)
                return ok;
            var detail = _mask.Mask(error ?? (body.Length > 200 ? body[..200] + "…" : body).Trim());
            if (status is >= 400 and < 500)
            {
                throw new MetricSourceClientException(status, errorType, status switch
                {
                    401 => $"{target}: 401 unauthorized: check the credentials",
                    403 => $"{target}: 403 forbidden",
                    404 => $"{target}: 404 not found: is this a Prometheus server?",
                    _ => $"{target}: {status} {errorType}: {detail}",
                });
            }

            if (status >= 500)
                throw new MetricSourceServerException(status, errorType, $"{target}: server error {status} {errorType}: {detail}");
            throw new MetricSourceServerException(status, errorType, $"{target}: unexpected answer {status}: {detail}");
        }
    }

    private static (string? ErrorType, string? Error, JsonElement? Data) ReadEnvelope(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return (null, null, null);
            var errorType = root.TryGetProperty("errorType", out var t) ? t.GetString() : null;
            var error = root.TryGetProperty("error", out var e) ? e.GetString() : null;
            var data = root.TryGetProperty("status", out var s) && s.GetString() == "success" && root.TryGetProperty("data", out var d) ? d.Clone() : (JsonElement?)null;
            return (errorType, error, data);
        }
        catch (JsonException)
        {
            return (null, null, null);
        }
    }

    private T Parse<T>(Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            throw new MetricSourceServerException(200, "bad_response", $"{_options.BaseUrl}: the answer is not a Prometheus API response: {e.Message}");
        }
    }

    private string ServerTimeout() => $"{Math.Max(1, (int)_options.Timeout.TotalSeconds)}s";

    private static string Innermost(Exception e)
    {
        var messages = new List<string>();
        for (var x = e.InnerException ?? e; x is not null; x = x.InnerException)
            messages.Add(x.Message);
        return string.Join(": ", messages.Distinct());
    }
}
