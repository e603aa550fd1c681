using System.Globalization;
using System.Net;
using System.Text;
using Shipgate.DeployTargets.Routing;
using Shipgate.Testing;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>
/// A real HTTP server on loopback standing in for one version of a service: answers every path with its name after
/// <see cref="Delay"/> (so requests are in flight while the router changes), counts what it served; <see cref="Kill"/>
/// drops the listener and every connection at once, like a crashed process.
/// </summary>
internal sealed class TestBackend : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _served;

    private TestBackend(string name, int port, TimeSpan delay)
    {
        Name = name;
        Port = port;
        Delay = delay;
        _listener.Prefixes.Add(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public string Name { get; }

    public int Port { get; }

    public TimeSpan Delay { get; }

    public int Served => Volatile.Read(ref _served);

    public RoutedServer AsServer(int weight) => new(Name, "127.0.0.1", Port, weight);

    public static TestBackend Start(string name, TimeSpan delay = default) => new(name, FreePorts.Next(), delay);

    public void Kill() => _listener.Abort();

    public void Dispose()
    {
        if (_listener.IsListening)
            _listener.Abort();
        _listener.Close();
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        try
        {
            var isHealthCheck = context.Request.Url?.AbsolutePath == "/health";
            if (!isHealthCheck && Delay > TimeSpan.Zero)
                await Task.Delay(Delay);
            var body = Encoding.UTF8.GetBytes(Name);
            context.Response.StatusCode = 200;
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
            if (!isHealthCheck)
                Interlocked.Increment(ref _served);
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException or IOException)
        {
            // Killed while answering: the router sees a broken connection, as with a crashed process.
        }
    }
}
