using Docker.DotNet.Models;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;
using Shipgate.Testing;

namespace Shipgate.DeployTargets.Tests;

/// <summary>A second real dockerd on tcp://127.0.0.1 with mutual TLS, standing in for a remote host.</summary>
[Collection(StackCollection.Name)]
public sealed class RemoteEngineTests(StackFixture stack, RemoteDockerEngine remote) : IClassFixture<RemoteDockerEngine>
{
    private EngineConnection Remote => EngineConnection.WithTls(remote.Endpoint,
        new EngineTls(remote.CaCertificateFile, remote.ClientCertificateFile, remote.ClientKeyFile));

    [Fact]
    public async Task A_release_to_the_remote_engine_runs_there_and_its_ledger_lives_there_not_on_the_local_engine()
    {
        var v1 = await TestImages.BuildAndPushAsync(stack, "remote", "1.0.0");
        await stack.ForgetServiceAsync("remote", "test");
        var target = new DockerTarget(new DockerTargetOptions("remote", "test", 18060)
        {
            Engine = Remote,
            HealthUrl = new Uri("http://127.0.0.1:18060/health"),
            HealthTimeout = TimeSpan.FromSeconds(20),
            StopTimeout = TimeSpan.FromSeconds(2),
        });

        var release = await target.DeployAsync(new DeployRequest(v1.Reference, "1.0.0", "c1", "tests"));

        Assert.Equal(ReleasePhase.Healthy, release.Phase);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18060, "version"));
        using var remoteClient = Remote.CreateClient();
        var onRemote = await remoteClient.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = ServiceFilter() });
        Assert.Equal(release.Instances[0].Id, Assert.Single(onRemote).ID);
        Assert.Equal(0, await new ContainerCount(stack).OfAsync("remote"));
        Assert.Equal([release.ReleaseId], (await ReleaseLedger.ReadAsync(Remote, "remote", "test")).Releases.Select(r => r.ReleaseId));
        Assert.Empty((await ReleaseLedger.ReadAsync(stack.Engine, "remote", "test")).Releases);
        Assert.Equal(DeployPlatform.Docker, await ReleaseLedger.ReadPlatformAsync(Remote, "remote", "test"));
        var volumes = (await remoteClient.Volumes.ListAsync(new VolumesListParameters { Filters = ServiceFilter() })).Volumes ?? [];
        Assert.Contains(volumes, v => v.Name.StartsWith("shipgate-ledger.remote.test.", StringComparison.Ordinal));

        await remoteClient.Containers.RemoveContainerAsync(release.Instances[0].Id, new ContainerRemoveParameters { Force = true });
    }

    [Fact]
    public async Task A_client_certificate_from_another_ca_is_refused_with_an_error_that_names_the_endpoint()
    {
        var (ca, certificate, key) = remote.ForeignClientCertificate();
        var target = new DockerTarget(new DockerTargetOptions("remote-refused", "test", 18061)
        {
            Engine = EngineConnection.WithTls(remote.Endpoint, new EngineTls(ca, certificate, key)),
        });

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.StatusAsync());

        Assert.Equal(DeployErrorKind.TlsRefused, error.Kind);
        Assert.Contains(remote.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("certificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_engines_certificate_is_refused_with_an_error_that_names_the_endpoint()
    {
        var (_, certificate, key) = remote.ForeignClientCertificate();
        using var other = TestCertificateAuthority.Create("not-the-engines-ca");
        var wrongCa = other.WriteCertificate(Path.Combine(remote.Directory, "wrong-ca.pem"));
        var target = new DockerTarget(new DockerTargetOptions("remote-untrusted", "test", 18062)
        {
            Engine = EngineConnection.WithTls(remote.Endpoint, new EngineTls(wrongCa, remote.ClientCertificateFile, remote.ClientKeyFile)),
        });

        var error = await Assert.ThrowsAsync<DeployTargetException>(() => target.StatusAsync());

        Assert.Equal(DeployErrorKind.TlsRefused, error.Kind);
        Assert.Contains(remote.Endpoint.ToString(), error.Message, StringComparison.Ordinal);
        Assert.NotNull(certificate + key);
    }

    private static Dictionary<string, IDictionary<string, bool>> ServiceFilter() => new()
    {
        ["label"] = new Dictionary<string, bool> { ["io.shipgate.service=remote"] = true },
    };
}
