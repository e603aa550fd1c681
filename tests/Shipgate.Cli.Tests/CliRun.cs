namespace Shipgate.Cli.Tests;

/// <summary>Runs the `shipgate` entry point in-process and gives back its exit code and what it wrote; gates files go to a temp directory.</summary>
public abstract class CliRun : IDisposable
{
    protected const string SampleGates = """
        defaults:
          interval: 1s
          count: 2
          window: 10s
          minSamples: 200
        gates:
          - name: error-rate
            kind: errorRate
            metric: modelservice_requests_total
            max: 0.03
          - name: p95-latency
            kind: latencyQuantile
            metric: modelservice_request_duration_seconds
            quantile: 0.95
            max: 0.25
          - name: prediction-drift
            kind: drift
            metric: modelservice_prediction_value
            minimumCountPerVersion: 200
        """;

    protected string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("shipgate-cli-").FullName;

    protected string GatesFile(string text, string name = "gates.yaml")
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    protected static async Task<(int Code, string Output, string Error)> Run(params string[] args) => await Run(default, args);

    protected static async Task<(int Code, string Output, string Error)> Run(CancellationToken cancellationToken, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await ShipgateCli.RunAsync(args, output, error, cancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        GC.SuppressFinalize(this);
    }
}
