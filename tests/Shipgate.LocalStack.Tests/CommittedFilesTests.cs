using Shipgate.LocalStack.Monitoring;

namespace Shipgate.LocalStack.Tests;

/// <summary>
/// deploy/prometheus.yml, alerts.yml and grafana-dashboard.json are generated from <see cref="MonitoringSpec.Sample"/>
/// and committed. Regenerate with <c>SHIPGATE_UPDATE_GENERATED=1 dotnet test tests/Shipgate.LocalStack.Tests --filter CommittedFiles</c>.
/// </summary>
public sealed class CommittedFilesTests
{
    public static TheoryData<string> CommittedFileNames =>
        [MonitoringSpec.DefaultPrometheusFile, MonitoringSpec.DefaultAlertsFile, MonitoringSpec.DefaultDashboardFile];

    [Theory]
    [MemberData(nameof(CommittedFileNames))]
    public async Task Committed_monitoring_file_is_fresh(string name)
    {
        var expected = MonitoringFiles.Render(MonitoringSpec.Sample).ByFileName[name];
        var path = Path.Combine(RepositoryPaths.Deploy, name);
        if (Environment.GetEnvironmentVariable("SHIPGATE_UPDATE_GENERATED") == "1")
        {
            await File.WriteAllTextAsync(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; regenerate it (see {nameof(CommittedFilesTests)}).");
        Assert.True(
            expected == await File.ReadAllTextAsync(path),
            $"{path} differs from what MonitoringSpec.Sample generates; regenerate it with SHIPGATE_UPDATE_GENERATED=1 (see {nameof(CommittedFilesTests)}).");
    }
}
