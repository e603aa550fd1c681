using Shipgate.Gates.Providers;
using Shipgate.Gates.Providers.Prometheus;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>The Prometheus client against the real servers of the fixture: result types, TLS, auth, and failures told apart.</summary>
[Collection(PrometheusCollection.Name)]
public sealed class PrometheusClientTests(PrometheusStackFixture stack)
{
    private PrometheusClient Main() => new(stack.Options(stack.Main));

    private PrometheusOptions SecuredOptions(string? password = PrometheusStackFixture.Password, string? ca = null, bool clientCertificate = true) =>
        new(stack.Secured.Url)
        {
            CaBundlePath = ca ?? stack.Certificates.CaPath,
            ClientCertificatePath = clientCertificate ? stack.Certificates.ClientCertPath : null,
            ClientKeyPath = clientCertificate ? stack.Certificates.ClientKeyPath : null,
            Username = PrometheusStackFixture.User,
            Password = password,
            Retries = 0,
            Timeout = TimeSpan.FromSeconds(3),
        };

    [Fact]
    public async Task Reads_a_vector_from_Prometheus()
    {
        using var client = Main();
        // Over a window, not the last scrape alone: one scrape slower than the 1 s timeout (a loaded CI machine) reads
        // as up 0 for a second, which says nothing about the client.
        var result = await client.QueryAsync("max_over_time(up{service=\"healthy\"}[15s])", null, default);
        Assert.Equal(QueryResultType.Vector, result.Type);
        Assert.Equal(["v1", "v2"], result.Series.Select(s => s.Labels["version"]).Order());
        Assert.All(result.Series, s => Assert.Equal(1.0, s.Samples.Single().Value));
    }

    [Fact]
    public async Task Reads_a_matrix_from_a_range_query_on_Prometheus()
    {
        using var client = Main();
        var end = DateTimeOffset.UtcNow;
        var result = await client.QueryRangeAsync("up{service=\"healthy\",version=\"v2\"}", end.AddSeconds(-8), end, TimeSpan.FromSeconds(1), default);
        Assert.Equal(QueryResultType.Matrix, result.Type);
        var samples = Assert.Single(result.Series).Samples;
        Assert.InRange(samples.Count, 5, 9);
        Assert.True(samples.Zip(samples.Skip(1)).All(p => p.First.Time < p.Second.Time));
    }

    [Fact]
    public async Task Reads_scalars_strings_NaN_and_infinity_from_Prometheus()
    {
        using var client = Main();
        Assert.Equal((QueryResultType.Scalar, 3.0), await Single(client, "1 + 2"));
        Assert.True(double.IsNaN((await Single(client, "scalar(vector(0) / 0)")).Value));
        Assert.Equal(double.PositiveInfinity, (await Single(client, "scalar(vector(1) / 0)")).Value);
        var text = await client.QueryAsync("\"hello\"", null, default);
        Assert.Equal((QueryResultType.String, "hello"), (text.Type, text.Text));
        var empty = await client.QueryAsync("up{service=\"no-such-service\"}", null, default);
        Assert.Equal((null, "empty result"), empty.AsSingleNumber());
    }

    [Fact]
    public async Task A_parse_error_on_Prometheus_carries_the_servers_message()
    {
        using var client = Main();
        var e = await Assert.ThrowsAsync<InvalidQueryException>(() => client.ValidateAsync("sum(rate(x[1m])", default));
        Assert.Contains("parse error", e.ServerError, StringComparison.Ordinal);
        Assert.Equal(400, e.StatusCode);
    }

    [Fact]
    public async Task A_refused_connection_is_a_connection_error_not_a_client_or_server_error()
    {
        using var client = new PrometheusClient(new PrometheusOptions(new Uri("http://127.0.0.1:19098/")) { Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) });
        var e = await Assert.ThrowsAsync<MetricSourceConnectionException>(() => client.QueryAsync("up", null, default));
        Assert.Contains("cannot connect", e.Message, StringComparison.Ordinal);
        Assert.True(e.IsTransient);
    }

    [Fact]
    public async Task A_wrong_path_is_a_4xx_client_error_on_Prometheus()
    {
        using var client = new PrometheusClient(new PrometheusOptions(new Uri(stack.Main.Url, "not-prometheus/")) { Retries = 0 });
        var e = await Assert.ThrowsAsync<MetricSourceClientException>(() => client.QueryAsync("up", null, default));
        Assert.Equal(404, e.StatusCode);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task TLS_with_a_custom_CA_a_client_certificate_and_basic_auth_works_on_Prometheus()
    {
        using var client = new PrometheusClient(SecuredOptions());
        var result = await client.QueryAsync("max_over_time(up{service=\"healthy\"}[15s])", null, default);
        Assert.Equal(1.0, Assert.Single(result.Series).Samples[0].Value);
        await client.ValidateAsync("sum(up)", default);
    }

    [Fact]
    public async Task A_wrong_password_on_Prometheus_is_a_401_and_the_password_is_never_in_the_message()
    {
        const string wrong = "not-the-password-0451";
        var options = SecuredOptions(password: wrong);
        using var client = new PrometheusClient(options);
        var e = await Assert.ThrowsAsync<MetricSourceClientException>(() => client.QueryAsync("up", null, default));
        Assert.Equal(401, e.StatusCode);
        Assert.DoesNotContain(wrong, e.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_certificate_from_an_untrusted_CA_is_refused_by_the_client()
    {
        using var client = new PrometheusClient(SecuredOptions(ca: stack.Certificates.OtherCaPath));
        var e = await Assert.ThrowsAsync<MetricSourceConnectionException>(() => client.QueryAsync("up", null, default));
        Assert.DoesNotContain(PrometheusStackFixture.Password, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_client_certificate_Prometheus_refuses_the_handshake()
    {
        using var client = new PrometheusClient(SecuredOptions(clientCertificate: false));
        await Assert.ThrowsAsync<MetricSourceConnectionException>(() => client.QueryAsync("up", null, default));
    }

    [Fact]
    public void Credentials_in_the_url_move_to_basic_auth_and_out_of_the_address()
    {
        var options = new PrometheusOptions(new Uri("https://ops:hunter2-secret@prom.example:9090/"));
        Assert.Equal(("ops", "hunter2-secret"), (options.Username, options.Password));
        Assert.DoesNotContain("hunter2", options.BaseUrl.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", options.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(QueryResultType Type, double Value)> Single(PrometheusClient client, string query)
    {
        var result = await client.QueryAsync(query, null, default);
        return (result.Type, result.AsSingleNumber().Value ?? -1);
    }
}
