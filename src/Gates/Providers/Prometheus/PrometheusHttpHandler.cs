using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Shipgate.Gates.Providers.Prometheus;

/// <summary>The HTTP handler for a Prometheus connection: a custom CA bundle, a client certificate.</summary>
internal static class PrometheusHttpHandler
{
    public static SocketsHttpHandler Create(PrometheusOptions options)
    {
        var handler = new SocketsHttpHandler { ConnectTimeout = options.Timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (options.CaBundlePath is { } caPath)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caPath);
            if (roots.Count == 0)
                throw new ArgumentException($"the CA bundle '{caPath}' holds no PEM certificate", nameof(options));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(roots, certificate, errors);
        }

        if (options.ClientCertificatePath is { } certPath)
        {
            var certificate = X509Certificate2.CreateFromPemFile(certPath, options.ClientKeyPath);
            handler.SslOptions.ClientCertificates = [certificate];
        }

        return handler;
    }

    /// <summary>The server certificate chains to one of <paramref name="roots"/> and its name matches the host.</summary>
    private static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
