using System.Net;
using System.Net.Sockets;
using System.Text;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

/// <summary>Health proves that the release's own container answers, on the real engine.</summary>
[Collection(StackCollection.Name)]
public sealed class DockerHealthTests(StackFixture stack)
{
    [Fact]
    public async Task A_foreign_process_answering_on_the_port_does_not_pass_for_the_new_release_nor_for_the_restarted_previous_one()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "impostor", "1.0.0");
        var silent = await TestImages.BuildAndPushAsync(stack, "impostor", "1.1.0", TestServiceKind.Silent);
        var options = await TestTargets.FreshDockerAsync(stack, "impostor", 18036);
        var target = new DockerTarget(options);
        var good = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        using var impostor = new Impostor(18036);
        // The new release never listens; the moment it starts, a process of this test answers 200 on its port.
        target.PhaseReached += phase =>
        {
            if (phase == "started") impostor.Start();
        };

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.DeployAsync(new DeployRequest(silent.Reference, "1.1.0", "c2", "tests")));

        Assert.Equal(DeployErrorKind.Unhealthy, error.Kind);
        Assert.Contains($"127.0.0.1:18036 is held by pid {Environment.ProcessId}", error.Message, StringComparison.Ordinal);
        Assert.Contains("not by the container", error.Message, StringComparison.Ordinal);
        // The previous release was restarted, but the impostor holds its port: it is not reported as serving.
        Assert.True(error.Message.Contains($"The previous release {good.ReleaseId} (1.0.0) was restarted but is NOT healthy", StringComparison.Ordinal), error.Message);
        Assert.Equal(ReleasePhase.RolledBack, (await target.StatusAsync()).History[0].Phase);
    }

    [Fact]
    public async Task A_listener_on_another_loopback_address_of_the_same_port_does_not_block_a_deploy()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "neighbour", "1.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "neighbour", 18037);
        using var neighbour = new TcpListener(IPAddress.Parse("127.0.0.2"), 18037);
        neighbour.Start();

        var release = await new DockerTarget(options).DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        Assert.Equal(ReleasePhase.Healthy, release.Phase);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18037, "version"));
    }

    [Fact]
    public async Task Restarts_of_a_serving_release_by_the_engine_show_in_its_status()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "restarted", "1.0.0");
        var options = await TestTargets.FreshDockerAsync(stack, "restarted", 18038);
        var target = new DockerTarget(options);
        var release = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));
        Assert.Equal(0, release.Restarts);

        // The service's process dies on its own (not a stop through the engine): the restart policy brings it back.
        using var client = stack.Engine.CreateClient();
        var pid = (await client.Containers.InspectContainerAsync(release.Instances[0].Id)).State.Pid;
        using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();

        var restarts = 0L;
        for (var look = 0; look < 100 && restarts == 0; look++)
        {
            await Task.Delay(100);
            restarts = (await target.StatusAsync()).Current!.Restarts;
        }
        Assert.Equal(1, restarts);
        Assert.Equal(1, Assert.Single((await target.StatusAsync()).Current!.Instances).RestartCount);
    }

    /// <summary>A process (this test) that answers every HTTP request on 127.0.0.1:PORT with 200.</summary>
    private sealed class Impostor(int port) : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, port);
        private readonly CancellationTokenSource _stop = new();

        public void Start()
        {
            _listener.Start();
            _ = ServeAsync();
        }

        private async Task ServeAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    var stream = client.GetStream();
                    var buffer = new byte[4096];
                    _ = await stream.ReadAsync(buffer, _stop.Token);
                    await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok"), _stop.Token);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
                // Stopped.
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _listener.Dispose();
            _stop.Dispose();
        }
    }
}
