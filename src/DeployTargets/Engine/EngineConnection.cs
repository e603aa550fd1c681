using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Docker.DotNet.X509;

namespace Shipgate.DeployTargets.Engine;

/// <summary>
/// Where the Docker engine listens: the local socket by default, or <c>tcp://host:port</c>, with mutual TLS when
/// <see cref="Tls"/> is set (the engine's certificate must chain to the given CA and name the host; the client proves
/// itself with its certificate).
/// </summary>
public sealed record EngineConnection(Uri Endpoint)
{
    public static EngineConnection Local { get; } = new(new Uri("unix:///var/run/docker.sock"));

    /// <summary>Engine calls that take longer than this are treated as a hung daemon.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Client certificates for a tcp:// engine started with --tlsverify; null for the socket or a plain tcp engine.</summary>
    public EngineTls? Tls { get; init; }

    /// <summary>
    /// A tcp:// engine reached with mutual TLS. The files are checked now, so a wrong path fails here, naming it.
    /// </summary>
    public static EngineConnection WithTls(Uri endpoint, EngineTls tls)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(tls);
        if (endpoint.Scheme != "tcp")
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"Docker engine {endpoint}: TLS client certificates need a tcp://host:port endpoint.");
        foreach (var (file, what) in new[] { (tls.CaCertificateFile, "CA certificate"), (tls.ClientCertificateFile, "client certificate"), (tls.ClientKeyFile, "client key") })
        {
            if (!File.Exists(file))
                throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"Docker engine {endpoint}: the {what} file '{file}' does not exist.");
        }
        return new EngineConnection(endpoint) { Tls = tls };
    }

    /// <summary>
    /// Whether the engine runs on this machine (its socket, or tcp to a loopback address): then the deploy target can
    /// check ports and the processes behind them itself.
    /// </summary>
    public bool IsOnThisHost => Endpoint.Scheme == "unix" || Endpoint.IsLoopback
        || (IPAddress.TryParse(Endpoint.Host, out var address) && IPAddress.IsLoopback(address));

    public DockerClient CreateClient()
    {
        if (Tls is null)
            return new DockerClientConfiguration(Endpoint, credentials: null, defaultTimeout: RequestTimeout).CreateClient();
#pragma warning disable CA2000 // The client owns and disposes its credentials.
        var credentials = new CertificateCredentials(LoadClientCertificate(Tls))
        {
            ServerCertificateValidationCallback = TrustedBy(LoadCa(Tls)),
        };
#pragma warning restore CA2000
        return new DockerClientConfiguration(Endpoint, credentials, defaultTimeout: RequestTimeout).CreateClient();
    }

    public override string ToString() => Tls is null ? Endpoint.ToString() : $"{Endpoint} (TLS)";

    private X509Certificate2 LoadCa(EngineTls tls) => Load(() => X509CertificateLoader.LoadCertificateFromFile(tls.CaCertificateFile), "CA certificate", tls.CaCertificateFile);

    private X509Certificate2 LoadClientCertificate(EngineTls tls) => Load(() =>
    {
        using var pem = X509Certificate2.CreateFromPemFile(tls.ClientCertificateFile, tls.ClientKeyFile);
        // A PEM key is ephemeral; TLS client authentication needs it in a (transient) PKCS#12 form on some platforms.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), password: null);
    }, "client certificate and key", $"{tls.ClientCertificateFile}, {tls.ClientKeyFile}");

    private X509Certificate2 Load(Func<X509Certificate2> load, string what, string files)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"Docker engine {Endpoint}: cannot read the {what} ({files}): {e.Message}", e);
        }
    }

    /// <summary>The engine's certificate must chain to <paramref name="ca"/> alone (not the system store) and name the host.</summary>
    private static RemoteCertificateValidationCallback TrustedBy(X509Certificate2 ca) => (_, certificate, _, errors) =>
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    };
}
