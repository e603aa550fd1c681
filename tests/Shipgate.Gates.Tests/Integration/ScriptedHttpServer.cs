using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>
/// A fake HTTP server answering with scripted status codes and bodies, for what a real Prometheus will
/// not do on demand (a 503, a 500) or cannot check (a bearer token). It records each request's Authorization header.
/// </summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(int Status, string Body)> _answers;
    private readonly Task _serving;

    public ScriptedHttpServer(int port, params (int Status, string Body)[] answers)
    {
        _answers = new ConcurrentQueue<(int, string)>(answers);
        Url = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<string?> Authorizations { get; } = new();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Authorizations.Enqueue(context.Request.Headers["Authorization"]);
            var (status, body) = _answers.TryDequeue(out var next) ? next : (500, "no more scripted answers");
            context.Response.StatusCode = status;
            var bytes = Encoding.UTF8.GetBytes(body);
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }
}
