using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Shipgate.Testing;

/// <summary>
/// A throw-away certificate authority for tests of mutual TLS (a Docker engine on tcp:// with --tlsverify): it
/// writes its CA certificate and issues server and client certificates as PEM files, the layout docker uses
/// (ca.pem, cert.pem, key.pem). ECDSA P-256 keys, valid from an hour ago for two days. Nothing touches a system
/// trust store.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private readonly ECDsa _key;

    private TestCertificateAuthority(string name, ECDsa key, X509Certificate2 certificate)
    {
        Name = name;
        _key = key;
        Certificate = certificate;
    }

    /// <summary>The CA's common name.</summary>
    public string Name { get; }

    public X509Certificate2 Certificate { get; }

    public static TestCertificateAuthority Create(string name)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var now = DateTimeOffset.UtcNow;
        return new TestCertificateAuthority(name, key, request.CreateSelfSigned(now.AddHours(-1), now.AddDays(2)));
    }

    /// <summary>Writes the CA certificate as PEM to <paramref name="path"/> and returns the path.</summary>
    public string WriteCertificate(string path)
    {
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        return path;
    }

    /// <summary>A server certificate for the loopback engine: SAN IP 127.0.0.1 and DNS localhost, extended key usage serverAuth.</summary>
    public IssuedCertificate IssueServer(string directory, string fileStem = "server") =>
        Issue(directory, fileStem, "CN=localhost", serverAuth: true, san =>
        {
            san.AddIpAddress(IPAddress.Loopback);
            san.AddDnsName("localhost");
        });

    /// <summary>A client certificate (extended key usage clientAuth), written as cert.pem and key.pem unless told otherwise.</summary>
    public IssuedCertificate IssueClient(string directory, string commonName = "shipgate-tests", string certificateFile = "cert", string keyFile = "key") =>
        Issue(directory, certificateFile, $"CN={commonName}", serverAuth: false, san: null, keyFile);

    private IssuedCertificate Issue(string directory, string certificateStem, string subject, bool serverAuth, Action<SubjectAlternativeNameBuilder>? san,
        string? keyStem = null)
    {
        Directory.CreateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [serverAuth ? new Oid("1.3.6.1.5.5.7.3.1") : new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (san is not null)
        {
            var builder = new SubjectAlternativeNameBuilder();
            san(builder);
            request.CertificateExtensions.Add(builder.Build());
        }
        var now = DateTimeOffset.UtcNow;
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var certificate = request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddHours(-1), now.AddDays(2), serial);
        var certificatePath = Path.Combine(directory, $"{certificateStem}{(keyStem is null ? "-cert" : "")}.pem");
        var keyPath = Path.Combine(directory, $"{keyStem ?? certificateStem + "-key"}.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new IssuedCertificate(certificatePath, keyPath);
    }

    public void Dispose()
    {
        _key.Dispose();
        Certificate.Dispose();
    }
}

/// <summary>PEM files of an issued certificate and its private key.</summary>
public sealed record IssuedCertificate(string CertificateFile, string KeyFile);
