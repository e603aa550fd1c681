namespace Shipgate.DeployTargets.Engine;

/// <summary>
/// Mutual TLS to a Docker engine on tcp:// (dockerd --tlsverify): the CA that signed the engine's certificate, and
/// this client's certificate and private key, as PEM file paths (the files `docker --tlsverify` reads as
/// ca.pem, cert.pem and key.pem). The key is read when a client is created and never logged.
/// </summary>
public sealed record EngineTls(string CaCertificateFile, string ClientCertificateFile, string ClientKeyFile);
