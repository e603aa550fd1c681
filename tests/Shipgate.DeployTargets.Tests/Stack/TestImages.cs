using Shipgate.DeployTargets.Images;

namespace Shipgate.DeployTargets.Tests.Stack;

public enum TestServiceKind
{
    /// <summary>busybox httpd serving /health and /version on $PORT (+ the Swarm task slot).</summary>
    Healthy,

    /// <summary>Serves, but /health is missing: health checks fail.</summary>
    Unhealthy,

    /// <summary>Prints a line and exits 3 at once.</summary>
    Crashing,

    /// <summary>Runs but never listens: whatever answers on its port is not this release.</summary>
    Silent,

    /// <summary>Healthy, but one answer in five of /cgi-bin/version is HTTP 500 (as the sample service's --fault-error-rate 0.2).</summary>
    Faulty,
}

/// <summary>Builds the small offline test service: FROM scratch plus the static busybox, through the real ImageBuilder.</summary>
public static class TestImages
{
    public static string WriteContext(string version, TestServiceKind kind)
    {
        var dir = Directory.CreateTempSubdirectory("shipgate-image-").FullName;
        File.Copy("/bin/busybox", Path.Combine(dir, "busybox"));
        var www = Directory.CreateDirectory(Path.Combine(dir, "www")).FullName;
        File.WriteAllText(Path.Combine(www, "version"), version);
        if (kind != TestServiceKind.Unhealthy) File.WriteAllText(Path.Combine(www, "health"), "ok");
        // /cgi-bin/version: the version from a process per request, where a faulty release fails some answers (the body still names it).
        var cgi = Directory.CreateDirectory(Path.Combine(www, "cgi-bin")).FullName;
        var fault = kind == TestServiceKind.Faulty ? "[ $((RANDOM % 5)) -eq 0 ] && printf 'Status: 500 Internal Server Error\r\n' \n" : "";
        File.WriteAllText(Path.Combine(cgi, "version"), $"#!/bin/busybox sh\n{fault}printf 'Content-Type: text/plain\r\n\r\n'\n/bin/busybox cat /www/version\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(cgi, "version"), (UnixFileMode)0b111_101_101);
        File.WriteAllText(Path.Combine(www, "secret.txt"), "must not reach the image");
        File.WriteAllText(Path.Combine(dir, ".dockerignore"), "www/secret.txt\n*.tmp\n");
        File.WriteAllText(Path.Combine(dir, "scratch.tmp"), "ignored");
        const string listen = "127.0.0.1:$((PORT + ${SHIPGATE_TASK_SLOT:-0}))";
        var entry = kind switch
        {
            TestServiceKind.Crashing => "echo crashing on purpose >&2; exit 3",
            TestServiceKind.Silent => "exec /bin/busybox sleep 3600",
            _ => $"exec /bin/busybox httpd -f -p {listen} -h /www",
        };
        // STOPSIGNAL SIGKILL: busybox httpd as PID 1 ignores SIGTERM, so every stop would wait out the grace period;
        // a static file server loses nothing to SIGKILL.
        File.WriteAllText(Path.Combine(dir, "Dockerfile"), $"""
            FROM scratch
            COPY busybox /bin/busybox
            COPY www /www
            ARG GREETING=none
            LABEL io.shipgate.test.greeting=$GREETING
            HEALTHCHECK --interval=1s --timeout=2s --retries=2 CMD ["/bin/busybox", "sh", "-c", "/bin/busybox wget -q -O /dev/null http://{listen}/health"]
            STOPSIGNAL SIGKILL
            ENTRYPOINT ["/bin/busybox", "sh", "-c", "{entry}"]
            """);
        return dir;
    }

    public static async Task<PushedImage> BuildAndPushAsync(StackFixture stack, string name, string version,
        TestServiceKind kind = TestServiceKind.Healthy, string? registry = null, RegistryCredentials? credentials = null)
    {
        var context = WriteContext(version, kind);
        try
        {
            var builder = new ImageBuilder(stack.Engine);
            return await builder.BuildAndPushAsync(
                new ImageBuildRequest(context, $"{registry ?? StackFixture.OpenRegistry}/shipgate-tests/{name}", version, "c0ffee" + version.Replace(".", "", StringComparison.Ordinal))
                {
                    BuildArgs = new Dictionary<string, string> { ["GREETING"] = "hello" },
                }, credentials);
        }
        finally
        {
            Directory.Delete(context, recursive: true);
        }
    }

    public static async Task<string> GetAsync(int port, string path)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        return await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/{path}"));
    }
}
