using System.Net.Http.Json;
using System.Text.Json;
using Shipgate.LocalStack.Images;

namespace Shipgate.LocalStack.Tests;

/// <summary>
/// The sample's image context, built into an image by a real dockerd (scripts/stack/docker.sh) and run with host
/// networking: proof that the scratch image needs no .NET runtime and no base image.
/// </summary>
public sealed class ImageContextDockerTests
{
    [Fact]
    public async Task Docker_runs_the_scratch_image_built_from_the_generated_context()
    {
        using var dir = new TempDirectory();
        var sample = Path.Combine(RepositoryPaths.Root, "samples", "ModelService");
        var context = await ImageContextBuilder.CreateAsync(new ImageContextOptions(
            Path.Combine(sample, "ModelService.csproj"), Path.Combine(sample, "Dockerfile"), dir.File("context")));

        Assert.True(File.Exists(Path.Combine(context.Directory, "app", "ModelService")));
        Assert.True(File.Exists(Path.Combine(context.Directory, "app", "model", "model-v1.json")));
        Assert.Contains("/lib64/ld-linux-x86-64.so.2", context.SystemLibraries);
        Assert.Contains(context.SystemLibraries, l => l.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(context.Directory, "rootfs", "lib64", "ld-linux-x86-64.so.2")));

        await Shell.RunAsync(Path.Combine(RepositoryPaths.Root, "scripts", "stack", "docker.sh"), "start");
        var tag = $"shipgate-test/modelservice:{Guid.NewGuid():N}";
        var name = $"shipgate-test-modelservice-{Guid.NewGuid():N}";
        var port = Ports.Next();
        try
        {
            await Shell.RunAsync("docker", "build", "-q", "-t", tag, context.Directory);
            await Shell.RunAsync("docker", "run", "-d", "--name", name, "--network", "host",
                "-e", $"ASPNETCORE_URLS=http://127.0.0.1:{port}", "-e", "MODELSERVICE__FAULTS__PREDICTIONSHIFT=-0.5", tag);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitAsync(async () => (await http.GetAsync("/health")).IsSuccessStatusCode, $"{name} answering /health");
            using var response = await http.PostAsJsonAsync("/predict", new { features = new { tenure = 0.1, monthly_usage = 1.0, support_calls = 2.0, discount = 0.0 } });
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            // 1/(1+exp(-2.265)) from Python for model-v1.json, shifted by -0.5 through the environment.
            Assert.Equal(0.9059365742081922 - 0.5, body.RootElement.GetProperty("probability").GetDouble(), precision: 12);

            // The HEALTHCHECK is the binary probing itself (no curl in the image).
            await WaitAsync(async () => (await Shell.RunAsync("docker", "inspect", "--format", "{{.State.Health.Status}}", name)).Trim() == "healthy",
                $"{name} reported healthy by Docker");
        }
        finally
        {
            await Shell.RunAsync(allowFailure: true, "docker", "rm", "-f", name);
            await Shell.RunAsync(allowFailure: true, "docker", "rmi", "-f", tag);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Timed out waiting for {what}");
    }
}
