using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace ModelService.Tests;

/// <summary>The built service as its own process, configured the way a container is: environment variables only.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Environment_variables_configure_the_process_and_logs_are_json_lines()
    {
        var port = RunningModelService.NextPort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "ModelService.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["MODELSERVICE__MODELPATH"] = ModelFiles.TwoFeatures(version: "5"),
                ["MODELSERVICE__FAULTS__PREDICTIONSHIFT"] = "-0.25",
            },
        };
        using var process = Process.Start(start)!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitHealthyAsync(client);

            using var response = await client.PostAsJsonAsync("/predict", new { features = new { a = 2.0, b = 0.4 } });
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

            // 1/(1+exp(-0.8)) from Python, shifted by -0.25.
            Assert.Equal(0.6899744811276125 - 0.25, body.RootElement.GetProperty("probability").GetDouble(), precision: 12);
            Assert.Equal("5", body.RootElement.GetProperty("modelVersion").GetString());
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var messages = lines.Select(line => JsonDocument.Parse(line).RootElement.GetProperty("Message").GetString()).ToList();
        Assert.Contains(messages, m => m!.StartsWith("Model 5 loaded", StringComparison.Ordinal) && m.Contains("prediction shift -0.25", StringComparison.Ordinal));
    }

    private static async Task WaitHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var health = await client.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(100);
        }
    }
}
