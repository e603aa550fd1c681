using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Shipgate.Pipeline.Tests.Hosts;

/// <summary>
/// There is no GitHub here: a local HTTP server on 127.0.0.1 that records the requests Octokit sends and
/// answers with the minimal JSON Octokit needs. Octokit puts <c>/api/v3</c> before paths on non-github.com hosts.
/// </summary>
internal sealed class FakeGitHubServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Func<string, string, string> _respond;

    public FakeGitHubServer(Func<string, string, string> respond)
    {
        _respond = respond;
        var port = FreePort();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public List<RecordedRequest> Requests { get; } = [];

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.AbsolutePath.Replace("/api/v3", "", StringComparison.Ordinal);
            lock (Requests)
                Requests.Add(new RecordedRequest(context.Request.HttpMethod, path, body.Length > 0 ? JsonDocument.Parse(body).RootElement.Clone() : null,
                    context.Request.Headers["Authorization"]));
            var response = Encoding.UTF8.GetBytes(_respond(context.Request.HttpMethod, path));
            context.Response.StatusCode = context.Request.HttpMethod == "POST" ? 201 : 200;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(response);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}

internal sealed record RecordedRequest(string Method, string Path, JsonElement? Body, string? Authorization)
{
    public string Field(string name) => Body!.Value.GetProperty(name).GetString()!;
}
