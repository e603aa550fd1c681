using System.Diagnostics;
using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;

namespace Shipgate.DeployTargets.Tests.Routing;

public sealed class HaproxyConfigTests
{
    private static readonly HaproxyConfigSpec Spec = new(
        "model-service", 8080, "/tmp/shipgate/admin.sock", 9101,
        [new RoutedServer("v1", "127.0.0.1", 18081, 256), new RoutedServer("v2", "127.0.0.1", 18082, 0)],
        new HaproxyHealthCheck("/health", 500, 2, 1));

    [Fact]
    public void The_configuration_has_the_frontend_the_checked_servers_the_socket_and_the_exporter()
    {
        var config = HaproxyConfig.Generate(Spec);

        Assert.Contains("    bind 127.0.0.1:8080\n", config, StringComparison.Ordinal);
        Assert.Contains("    balance roundrobin\n", config, StringComparison.Ordinal);
        Assert.Contains("    option httpchk GET /health\n", config, StringComparison.Ordinal);
        Assert.Contains("    server v1 127.0.0.1:18081 weight 256 check inter 500ms fall 2 rise 1\n", config, StringComparison.Ordinal);
        Assert.Contains("    server v2 127.0.0.1:18082 weight 0 check inter 500ms fall 2 rise 1\n", config, StringComparison.Ordinal);
        Assert.Contains("    stats socket /tmp/shipgate/admin.sock mode 600 level admin\n", config, StringComparison.Ordinal);
        Assert.Contains("    bind 127.0.0.1:9101\n    http-request use-service prometheus-exporter", config, StringComparison.Ordinal);
    }

    [Fact]
    public void The_real_haproxy_accepts_the_generated_configuration()
    {
        var path = Path.Combine(Path.GetTempPath(), $"shipgate-haproxy-{Guid.NewGuid():N}.cfg");
        File.WriteAllText(path, HaproxyConfig.Generate(Spec));
        try
        {
            var info = new ProcessStartInfo("haproxy", ["-c", "-f", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
            using var check = Process.Start(info)!;
            var output = check.StandardOutput.ReadToEnd() + check.StandardError.ReadToEnd();
            check.WaitForExit();

            Assert.True(check.ExitCode == 0, output);
            Assert.DoesNotContain("[WARNING]", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_health_path_that_would_break_the_line_is_refused() =>
        Assert.Throws<TrafficRouterException>(() => HaproxyConfig.Generate(Spec with { HealthCheck = new HaproxyHealthCheck("/health\n    server x 1.2.3.4:80") }));
}
