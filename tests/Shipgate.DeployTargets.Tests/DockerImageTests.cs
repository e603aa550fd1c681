using Docker.DotNet.Models;
using Shipgate.DeployTargets.DockerHost;
using Shipgate.DeployTargets.Engine;
using Shipgate.DeployTargets.Images;
using Shipgate.DeployTargets.Ledger;
using Shipgate.DeployTargets.Targets;
using Shipgate.DeployTargets.Tests.Stack;

namespace Shipgate.DeployTargets.Tests;

[Collection(StackCollection.Name)]
public sealed class DockerImageTests(StackFixture stack)
{
    [Fact]
    public async Task An_image_built_pushed_and_deployed_by_digest_serves_the_built_version()
    {
        var image = await TestImages.BuildAndPushAsync(stack, "build-push", "1.0.0");

        Assert.Matches("^sha256:[0-9a-f]{64}$", image.Digest);
        Assert.Equal(["c0ffee100", "1.0.0"], image.Tags);
        using var client = stack.Engine.CreateClient();
        var inspect = await client.Images.InspectImageAsync(image.Reference);
        Assert.Equal("c0ffee100", inspect.Config.Labels[ImageBuilder.RevisionLabel]);
        Assert.Equal("1.0.0", inspect.Config.Labels[ImageBuilder.VersionLabel]);
        Assert.True(DateTimeOffset.TryParse(inspect.Config.Labels[ImageBuilder.CreatedLabel], out _));
        Assert.Equal("hello", inspect.Config.Labels["io.shipgate.test.greeting"]);
        Assert.Contains(inspect.RepoDigests, d => d == image.Reference);

        // Remove the local copy: the deploy must pull by digest from the registry.
        await client.Images.DeleteImageAsync(image.Reference, new ImageDeleteParameters { Force = true, NoPrune = true });

        var options = await TestTargets.FreshDockerAsync(stack, "build-push", 18001);
        var release = await new DockerTarget(options).DeployAsync(new DeployRequest(image.Reference, "1.0.0", "c0ffee100", "tests"));

        Assert.Equal(ReleasePhase.Healthy, release.Phase);
        Assert.Equal(image.Reference, release.Image);
        Assert.Equal("1.0.0", await TestImages.GetAsync(18001, "version"));
        // .dockerignore kept the secret out of the image.
        await Assert.ThrowsAsync<HttpRequestException>(() => TestImages.GetAsync(18001, "secret.txt"));
        var running = Assert.Single(release.Instances);
        var container = await client.Containers.InspectContainerAsync(running.Id);
        Assert.Equal(image.Reference, container.Config.Image);
        Assert.Equal("host", container.HostConfig.NetworkMode);
    }

    [Fact]
    public async Task A_push_to_a_registry_with_auth_succeeds_with_credentials_and_a_wrong_password_is_refused_masked()
    {
        var good = new RegistryCredentials(StackFixture.AuthUser, StackFixture.AuthPassword);
        var pushed = await TestImages.BuildAndPushAsync(stack, "auth", "2.0.0", registry: StackFixture.AuthRegistry, credentials: good);
        Assert.StartsWith(StackFixture.AuthRegistry, pushed.Reference, StringComparison.Ordinal);

        var wrong = new RegistryCredentials(StackFixture.AuthUser, "wrong-password-9f3a");
        var refused = await Assert.ThrowsAsync<DeployTargetException>(() =>
            TestImages.BuildAndPushAsync(stack, "auth", "2.0.1", registry: StackFixture.AuthRegistry, credentials: wrong));
        Assert.Equal(DeployErrorKind.RegistryAuthRefused, refused.Kind);
        Assert.DoesNotContain("wrong-password-9f3a", refused.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-9f3a", wrong.ToString(), StringComparison.Ordinal);

        var anonymous = await Assert.ThrowsAsync<DeployTargetException>(() =>
            TestImages.BuildAndPushAsync(stack, "auth", "2.0.2", registry: StackFixture.AuthRegistry));
        Assert.Equal(DeployErrorKind.RegistryAuthRefused, anonymous.Kind);
    }

    [Fact]
    public async Task A_push_to_a_registry_that_is_down_is_retried_then_reported_unavailable()
    {
        var context = TestImages.WriteContext("3.0.0", TestServiceKind.Healthy);
        var retries = new RetryCounter();
        var builder = new ImageBuilder(stack.Engine, new Serilog.LoggerConfiguration().WriteTo.Sink(retries).CreateLogger());
        var request = new ImageBuildRequest(context, "127.0.0.1:15009/shipgate-tests/down", "3.0.0", "c0ffee300");
        var tags = await builder.BuildAsync(request);

        var error = await Assert.ThrowsAsync<DeployTargetException>(() =>
            builder.PushAsync(request.Repository, tags, null, new PushRetryOptions { MaxRetries = 2, InitialDelay = TimeSpan.FromMilliseconds(200) }));

        Assert.Equal(DeployErrorKind.RegistryUnavailable, error.Kind);
        Assert.Contains("127.0.0.1:15009", error.Message, StringComparison.Ordinal);
        // Counted, not timed: the backoff is jittered, so elapsed time proves nothing about the retries.
        Assert.Equal(2, retries.Count);
    }

    [Fact]
    public async Task A_broken_dockerfile_fails_the_build_with_its_output()
    {
        var context = TestImages.WriteContext("5.0.0", TestServiceKind.Healthy);
        await File.AppendAllTextAsync(Path.Combine(context, "Dockerfile"), "\nCOPY does-not-exist /x\n");
        var error = await Assert.ThrowsAsync<DeployTargetException>(() =>
            new ImageBuilder(stack.Engine).BuildAsync(new ImageBuildRequest(context, $"{StackFixture.OpenRegistry}/shipgate-tests/broken", "5.0.0", "c0ffee500")));
        Assert.Equal(DeployErrorKind.BuildFailed, error.Kind);
        Assert.Contains("does-not-exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_daemon_down_build_and_deploy_fail_as_daemon_unreachable()
    {
        var nowhere = new EngineConnection(new Uri("unix:///tmp/shipgate-no-daemon.sock"));
        var context = TestImages.WriteContext("4.0.0", TestServiceKind.Healthy);

        var build = await Assert.ThrowsAsync<DeployTargetException>(() =>
            new ImageBuilder(nowhere).BuildAsync(new ImageBuildRequest(context, "127.0.0.1:15000/x", "4.0.0", "abc")));
        Assert.Equal(DeployErrorKind.DaemonUnreachable, build.Kind);
        Assert.Contains("/tmp/shipgate-no-daemon.sock", build.Message, StringComparison.Ordinal);

        var target = new DockerTarget(new DockerTargetOptions("daemon-down", "test", 18009) { Engine = nowhere });
        var deploy = await Assert.ThrowsAsync<DeployTargetException>(() =>
            target.DeployAsync(new DeployRequest("127.0.0.1:15000/x@sha256:" + new string('a', 64), "4.0.0", "abc", "tests")));
        Assert.Equal(DeployErrorKind.DaemonUnreachable, deploy.Kind);
    }

    [Fact]
    public async Task A_digest_missing_from_the_registry_fails_the_deploy_as_image_missing()
    {
        var options = await TestTargets.FreshDockerAsync(stack, "missing", 18008);
        var error = await Assert.ThrowsAsync<DeployTargetException>(() => new DockerTarget(options).DeployAsync(
            new DeployRequest($"{StackFixture.OpenRegistry}/shipgate-tests/never-pushed@sha256:{new string('b', 64)}", "9.9.9", "abc", "tests")));
        Assert.Equal(DeployErrorKind.ImageMissing, error.Kind);
        Assert.Empty((await new DockerTarget(options).StatusAsync()).History);
    }
}

/// <summary>Counts the push retries the builder logs.</summary>
internal sealed class RetryCounter : Serilog.Core.ILogEventSink
{
    private int _count;

    public int Count => _count;

    public void Emit(Serilog.Events.LogEvent logEvent)
    {
        if (logEvent.MessageTemplate.Text.Contains("retrying", StringComparison.Ordinal))
            Interlocked.Increment(ref _count);
    }
}
