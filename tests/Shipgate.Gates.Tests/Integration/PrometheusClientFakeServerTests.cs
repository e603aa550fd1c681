using Shipgate.Gates.Providers;
using Shipgate.Gates.Providers.Prometheus;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>
/// The client against a FAKE server (ScriptedHttpServer) for the answers a real Prometheus does not give
/// on demand: 5xx then success (retries), repeated 5xx, and a bearer token (Prometheus cannot check one).
/// </summary>
public sealed class PrometheusClientFakeServerTests
{
    private const string Success = """{"status":"success","data":{"resultType":"scalar","result":[1700000000.5,"42"]}}""";
    private const string Overloaded = """{"status":"error","errorType":"timeout","error":"query timed out in expression evaluation"}""";

    [Fact]
    public async Task Transient_5xx_answers_are_retried_with_backoff_on_a_fake_server()
    {
        using var server = new ScriptedHttpServer(19110, (503, Overloaded), (502, "bad gateway"), (200, Success));
        using var client = new PrometheusClient(new PrometheusOptions(server.Url) { Retries = 3, RetryDelay = TimeSpan.FromMilliseconds(20) });

        var result = await client.QueryAsync("up", null, default);

        Assert.Equal((QueryResultType.Scalar, 42.0), (result.Type, result.AsSingleNumber().Value!.Value));
        Assert.Equal(3, server.Authorizations.Count);
    }

    [Fact]
    public async Task Persistent_5xx_is_a_server_error_with_the_servers_message_on_a_fake_server()
    {
        using var server = new ScriptedHttpServer(19111, (503, Overloaded), (503, Overloaded));
        using var client = new PrometheusClient(new PrometheusOptions(server.Url) { Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var e = await Assert.ThrowsAsync<MetricSourceServerException>(() => client.QueryAsync("up", null, default));

        Assert.Equal((503, "timeout"), (e.StatusCode, e.ErrorType));
        Assert.Contains("query timed out", e.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Authorizations.Count);
    }

    [Fact]
    public async Task A_4xx_is_not_retried_on_a_fake_server()
    {
        using var server = new ScriptedHttpServer(19112, (422, """{"status":"error","errorType":"execution","error":"many-to-many matching not allowed"}"""), (200, Success));
        using var client = new PrometheusClient(new PrometheusOptions(server.Url) { Retries = 3, RetryDelay = TimeSpan.FromMilliseconds(10) });

        var e = await Assert.ThrowsAsync<MetricSourceClientException>(() => client.QueryAsync("a * on() b", null, default));

        Assert.Equal((422, "execution"), (e.StatusCode, e.ErrorType));
        Assert.Single(server.Authorizations);
    }

    [Fact]
    public async Task The_bearer_token_is_sent_and_never_appears_in_errors_on_a_fake_server()
    {
        const string token = "tok-9f8e7d6c5b4a";
        // The server echoes the token in its error text, as a misconfigured proxy might.
        using var server = new ScriptedHttpServer(19113, (500, $$"""{"status":"error","errorType":"internal","error":"bad token {{token}}"}"""));
        var options = new PrometheusOptions(server.Url) { BearerToken = token, Retries = 0 };
        using var client = new PrometheusClient(options);

        var e = await Assert.ThrowsAsync<MetricSourceServerException>(() => client.QueryAsync("up", null, default));

        Assert.Equal($"Bearer {token}", Assert.Single(server.Authorizations));
        Assert.DoesNotContain(token, e.ToString(), StringComparison.Ordinal);
        Assert.Contains("bad token ****", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, client.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_prometheus_answer_is_a_server_error_not_a_crash_on_a_fake_server()
    {
        using var server = new ScriptedHttpServer(19114, (200, "<html>login page</html>"));
        using var client = new PrometheusClient(new PrometheusOptions(server.Url) { Retries = 0 });
        await Assert.ThrowsAsync<MetricSourceServerException>(() => client.QueryAsync("up", null, default));
    }
}
