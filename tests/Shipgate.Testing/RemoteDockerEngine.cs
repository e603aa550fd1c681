using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Xunit;

namespace Shipgate.Testing;

/// <summary>
/// A second, "remote" Docker engine for tests: the same dockerd binary as the local engine, listening only on
/// <c>tcp://127.0.0.1:PORT</c> (a free port) with mutual TLS (<c>--tlsverify</c>) and certificates made by the test
/// (<see cref="TestCertificateAuthority"/>), with its own data root, exec root (and so its own managed containerd),
/// pid file and empty config file; no bridge, no iptables. Containers use host networking, so what it runs answers on
/// 127.0.0.1 like the local engine's, but the local engine neither lists nor stores any of it.
/// </summary>
/// <remarks>
/// <para>Use it as an xunit class or collection fixture (it starts in <see cref="InitializeAsync"/>), or through
/// <see cref="StartAsync"/>. It is ready when <c>/_ping</c> answers over TLS with the client certificate. Dispose stops
/// the daemon (SIGTERM, then SIGKILL after 20 s; dockerd stops its containers and its containerd) and deletes its
/// directory. It needs root and dockerd on PATH, like the local engine (scripts/stack/docker.sh).</para>
/// <para>What it gives a test: <see cref="Endpoint"/>; the client's <see cref="CaCertificateFile"/>,
/// <see cref="ClientCertificateFile"/>, <see cref="ClientKeyFile"/> (ca.pem, cert.pem, key.pem in
/// <see cref="ClientCertificateDirectory"/>, so <c>DOCKER_CERT_PATH</c> works too); <see cref="Authority"/> to issue more
/// certificates; <see cref="LogFile"/>. Registries on loopback (127.0.0.1:5000, :15000) are insecure-allowed by
/// dockerd's defaults, so it pulls from the local registries.</para>
/// </remarks>
public sealed class RemoteDockerEngine : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private Process? _daemon;
    private int _disposed;
    private StreamWriter? _log;

    /// <summary>The engine's own directory (data root, exec root, certificates, log), removed on dispose.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("sg-remote-").FullName;

    public int Port { get; private set; }

    /// <summary><c>tcp://127.0.0.1:PORT</c>, as dockerd and DOCKER_HOST take it.</summary>
    public string Address => $"tcp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><see cref="Address"/> as a URI (which prints with a trailing slash).</summary>
    public Uri Endpoint => new(Address);

    public TestCertificateAuthority Authority { get; } = TestCertificateAuthority.Create("shipgate-test-remote-engine-ca");

    /// <summary>The client side's ca.pem, cert.pem and key.pem (docker's DOCKER_CERT_PATH layout).</summary>
    public string ClientCertificateDirectory => Path.Combine(Directory, "client");

    public string CaCertificateFile => Path.Combine(ClientCertificateDirectory, "ca.pem");

    public string ClientCertificateFile => Path.Combine(ClientCertificateDirectory, "cert.pem");

    public string ClientKeyFile => Path.Combine(ClientCertificateDirectory, "key.pem");

    public string LogFile => Path.Combine(Directory, "dockerd.log");

    /// <summary>The environment the docker CLI needs to talk to this engine.</summary>
    public IReadOnlyDictionary<string, string> DockerCliEnvironment => new Dictionary<string, string>
    {
        ["DOCKER_HOST"] = Address,
        ["DOCKER_TLS_VERIFY"] = "1",
        ["DOCKER_CERT_PATH"] = ClientCertificateDirectory,
    };

    public static async Task<RemoteDockerEngine> StartAsync()
    {
        var engine = new RemoteDockerEngine();
        await engine.InitializeAsync();
        return engine;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartDaemonAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartDaemonAsync()
    {
        var server = Path.Combine(Directory, "server");
        Authority.WriteCertificate(Path.Combine(System.IO.Directory.CreateDirectory(server).FullName, "ca.pem"));
        var serverCertificate = Authority.IssueServer(server);
        System.IO.Directory.CreateDirectory(ClientCertificateDirectory);
        Authority.WriteCertificate(CaCertificateFile);
        Authority.IssueClient(ClientCertificateDirectory);
        var config = Path.Combine(Directory, "daemon.json");
        await File.WriteAllTextAsync(config, "{}");

        Port = FreePort();
        var info = new ProcessStartInfo("dockerd") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var argument in new[]
                 {
                     "--host", Address,
                     "--tlsverify", "--tlscacert", Path.Combine(server, "ca.pem"),
                     "--tlscert", serverCertificate.CertificateFile, "--tlskey", serverCertificate.KeyFile,
                     "--config-file", config,
                     "--data-root", Path.Combine(Directory, "data"),
                     "--exec-root", Path.Combine(Directory, "exec"),
                     "--pidfile", Path.Combine(Directory, "dockerd.pid"),
                     "--bridge=none", "--iptables=false", "--ip6tables=false", "--ip-masq=false",
                 })
        {
            info.ArgumentList.Add(argument);
        }
        _daemon = Process.Start(info) ?? throw new InvalidOperationException("dockerd did not start");
        _daemon.StandardInput.Close();
        _log = File.CreateText(LogFile);
        _log.AutoFlush = true;
        _ = CopyAsync(_daemon.StandardOutput, _log);
        _ = CopyAsync(_daemon.StandardError, _log);
        await WaitForPingAsync();
    }

    /// <summary>A client certificate issued by another CA, which this engine must refuse: (ca.pem of this engine, cert, key).</summary>
    public (string CaCertificateFile, string ClientCertificateFile, string ClientKeyFile) ForeignClientCertificate()
    {
        var directory = Path.Combine(Directory, "foreign-client");
        using var foreign = TestCertificateAuthority.Create("a-foreign-ca");
        var issued = foreign.IssueClient(directory);
        return (CaCertificateFile, issued.CertificateFile, issued.KeyFile);
    }

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_daemon is { HasExited: false } daemon)
        {
            using (var term = Process.Start("kill", ["-TERM", daemon.Id.ToString(CultureInfo.InvariantCulture)]))
                await term.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await daemon.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                daemon.Kill(entireProcessTree: true);
                await daemon.WaitForExitAsync();
            }
        }
        _daemon?.Dispose();
        if (_log is not null)
        {
            lock (_log) _log.Dispose();
        }
        Authority.Dispose();
        await UnmountLeftoversAsync();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Something still holds a file; the directory is under /tmp and named for this engine.
        }
    }

    /// <summary>dockerd leaves mounts under its roots (the default network namespace, the data root); unmount them, deepest first.</summary>
    private async Task UnmountLeftoversAsync()
    {
        if (!File.Exists("/proc/self/mounts")) return;
        var prefix = Directory + "/";
        var mounts = (await File.ReadAllLinesAsync("/proc/self/mounts"))
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 1 && (fields[1] + "/").StartsWith(prefix, StringComparison.Ordinal))
            .Select(fields => fields[1])
            .OrderByDescending(path => path.Length);
        foreach (var mount in mounts)
        {
            using var umount = Process.Start("umount", ["-l", mount]);
            await umount.WaitForExitAsync();
        }
    }

    private async Task WaitForPingAsync()
    {
        using var ca = X509CertificateLoader.LoadCertificateFromFile(CaCertificateFile);
        using var pem = X509Certificate2.CreateFromPemFile(ClientCertificateFile, ClientKeyFile);
        using var client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.ClientCertificates = [client];
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 server && chain.Build(server);
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        var ping = new Uri($"https://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/_ping");
        var deadline = DateTimeOffset.UtcNow + StartTimeout;
        var last = "";
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_daemon!.HasExited)
                throw new InvalidOperationException($"dockerd for the remote engine exited ({_daemon.ExitCode}) during start-up: {Tail()}");
            try
            {
                using var response = await http.GetAsync(ping);
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"the remote engine did not answer {ping} within {StartTimeout.TotalSeconds} s (last: {last}): {Tail()}");
    }

    private string Tail()
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(15));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private static async Task CopyAsync(StreamReader from, StreamWriter to)
    {
        try
        {
            while (await from.ReadLineAsync() is { } line)
            {
                lock (to) to.WriteLine(line);
            }
        }
        catch (ObjectDisposedException)
        {
            // The engine was disposed while it still wrote.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
