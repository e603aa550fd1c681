using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, written as PEM files.</summary>
internal sealed class TestCertificates
{
    private TestCertificates(string directory) => Directory = directory;

    public string Directory { get; }

    public string CaPath => Path.Combine(Directory, "ca.crt");

    public string ServerCertPath => Path.Combine(Directory, "server.crt");

    public string ServerKeyPath => Path.Combine(Directory, "server.key");

    public string ClientCertPath => Path.Combine(Directory, "client.crt");

    public string ClientKeyPath => Path.Combine(Directory, "client.key");

    /// <summary>A second CA that signed nothing here: trusting only it must fail the handshake.</summary>
    public string OtherCaPath => Path.Combine(Directory, "other-ca.crt");

    public static TestCertificates Create(string directory)
    {
        var certs = new TestCertificates(directory);
        // One validity window for all: a leaf may not outlive its CA, and the CA's dates are kept to the second,
        // so computing "now + 1 day" again for each leaf can land a second after the CA's end (seen in CI).
        var notBefore = DateTimeOffset.UtcNow.AddMinutes(-5);
        var notAfter = notBefore.AddDays(1);
        var (leafFrom, leafUntil) = (notBefore.AddMinutes(1), notAfter.AddMinutes(-1));
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = SelfSignedCa("CN=shipgate test CA", caKey, notBefore, notAfter);
        File.WriteAllText(certs.CaPath, ca.ExportCertificatePem());
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = SelfSignedCa("CN=unrelated CA", otherKey, notBefore, notAfter);
        File.WriteAllText(certs.OtherCaPath, other.ExportCertificatePem());

        Issue(ca, "CN=127.0.0.1", certs.ServerCertPath, certs.ServerKeyPath, server: true, leafFrom, leafUntil);
        Issue(ca, "CN=shipgate client", certs.ClientCertPath, certs.ClientKeyPath, server: false, leafFrom, leafUntil);
        return certs;
    }

    private static X509Certificate2 SelfSignedCa(string name, ECDsa key, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    private static void Issue(
        X509Certificate2 ca, string name, string certPath, string keyPath, bool server, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(server ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2")], false));
        if (server)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
            request.CertificateExtensions.Add(san.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(ca, notBefore, notAfter, serial);
        File.WriteAllText(certPath, issued.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
