using System.Diagnostics;

namespace Shipgate.Gates.Tests.Integration;

/// <summary>scripts/stack/prometheus.sh, which the local stack reuses: idempotent start, ready on return, clean stop.</summary>
public sealed class PrometheusScriptTests
{
    [Fact]
    public async Task Start_is_idempotent_ready_on_return_and_stop_ends_the_Prometheus_process()
    {
        using var server = PrometheusServer.Start("");
        var pidFile = Path.Combine(server.Directory, "run", "prometheus.pid");
        var pid = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);

        using var http = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(server.Url, "-/ready"))).StatusCode);

        // A second start in the same directory is a no-op on the running server.
        PrometheusServerScript("start", Path.Combine(server.Directory, "prometheus.yml"), server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(server.Directory, "run"));
        Assert.Equal(pid, int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture));

        server.Stop();
        Assert.False(File.Exists(pidFile));
        Assert.True(Process.GetProcesses().All(p => p.Id != pid), "prometheus still running after stop");
        server.Stop();
    }

    private static void PrometheusServerScript(params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "scripts", "stack", "prometheus.sh"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        Assert.EndsWith("prometheus.pid", output.Trim(), StringComparison.Ordinal);
    }
}
