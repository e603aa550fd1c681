using System.Net;
using System.Net.Sockets;
using Docker.DotNet;

namespace Shipgate.DeployTargets.Engine;

/// <summary>Turns transport and API failures into <see cref="DeployTargetException"/>s that name the endpoint.</summary>
internal static class EngineErrors
{
    public static async Task<T> Call<T>(EngineConnection connection, string what, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception e) when (IsTlsRefusal(e))
        {
            throw TlsRefused(connection, what, e);
        }
        catch (Exception e) when (IsUnreachable(e))
        {
            throw Unreachable(connection, what, e);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.BadRequest)
        {
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"The Docker engine refused {what}: {ApiMessage(e)}", e);
        }
        catch (DockerApiException e)
        {
            throw new DeployTargetException(DeployErrorKind.EngineError, $"The Docker engine failed {what} ({(int)e.StatusCode}): {ApiMessage(e)}", e);
        }
    }

    public static async Task Call(EngineConnection connection, string what, Func<Task> call) =>
        await Call(connection, what, async () => { await call().ConfigureAwait(false); return true; }).ConfigureAwait(false);

    public static DeployTargetException Unreachable(EngineConnection connection, string what, Exception e) =>
        new(DeployErrorKind.DaemonUnreachable,
            $"The Docker daemon at {connection.Endpoint} is unreachable while {what}: {Innermost(e).Message}. " +
            "Is dockerd running (scripts/stack/docker.sh start)?", e);

    /// <summary>The TLS handshake failed: the engine refused our certificate, or we refused its.</summary>
    public static bool IsTlsRefusal(Exception e) =>
        e is System.Security.Authentication.AuthenticationException || (e.InnerException is not null && IsTlsRefusal(e.InnerException));

    public static DeployTargetException TlsRefused(EngineConnection connection, string what, Exception e) =>
        new(DeployErrorKind.TlsRefused,
            $"The TLS connection to the Docker engine at {connection.Endpoint} failed while {what}: {Innermost(e).Message}. " +
            (connection.Tls is { } tls
                ? $"The engine must trust the CA that issued the client certificate {tls.ClientCertificateFile} (its --tlscacert), " +
                  $"and the engine's certificate must be issued by the CA in {tls.CaCertificateFile} for host {connection.Endpoint.Host}."
                : "The engine requires TLS client certificates: give the CA, client certificate and key."), e);

    public static bool IsUnreachable(Exception e) => e switch
    {
        DockerApiException => false,
        HttpRequestException or SocketException or IOException or TimeoutException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        _ => e.InnerException is not null && IsUnreachable(e.InnerException),
    };

    /// <summary>The engine answers with {"message": "..."}; show just the message.</summary>
    public static string ApiMessage(DockerApiException e)
    {
        var body = e.ResponseBody ?? "";
        const string key = "\"message\":\"";
        var start = body.IndexOf(key, StringComparison.Ordinal);
        if (start < 0) return body.Trim();
        start += key.Length;
        var end = body.IndexOf('"', start);
        return end < 0 ? body[start..] : body[start..end];
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);
}
