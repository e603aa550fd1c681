using System.Net.Sockets;
using System.Text;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// I/O: one command line to HAProxy's runtime API and its whole answer. Non-interactive mode: HAProxy runs the
/// line (commands separated by ';' one after the other) and closes the connection, so the answer ends at EOF.
/// </summary>
public sealed class RuntimeApiClient(RuntimeApiEndpoint endpoint, TimeSpan? timeout = null)
{
    private readonly TimeSpan _timeout = timeout ?? TimeSpan.FromSeconds(5);

    public RuntimeApiEndpoint Endpoint { get; } = endpoint;

    public async Task<string> SendAsync(string commandLine, CancellationToken cancellationToken = default)
    {
        if (commandLine.Contains('\n') || commandLine.Contains('\r'))
            throw new TrafficRouterException(RouterErrorKind.InvalidArgument, "a runtime API command is one line");

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            using var socket = Endpoint.NewSocket();
            await socket.ConnectAsync(Endpoint.EndPoint, deadline.Token).ConfigureAwait(false);
            await socket.SendAsync(Encoding.ASCII.GetBytes(commandLine + "\n"), SocketFlags.None, deadline.Token).ConfigureAwait(false);
            var answer = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token).ConfigureAwait(false)) > 0)
                answer.Write(buffer, 0, read);
            return Encoding.UTF8.GetString(answer.GetBuffer(), 0, (int)answer.Length);
        }
        catch (Exception e) when (e is SocketException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new TrafficRouterException(
                RouterErrorKind.Unreachable,
                $"HAProxy's runtime API at {Endpoint.Display} did not answer: {e.Message}", e);
        }
    }
}
