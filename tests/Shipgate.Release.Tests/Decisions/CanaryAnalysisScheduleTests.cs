using Shipgate.Gates.Yaml;
using Shipgate.Release.Decisions;

namespace Shipgate.Release.Tests.Decisions;

public sealed class CanaryAnalysisScheduleTests
{
    private const string Gates = """
        defaults: { interval: 2s, count: 15 }
        gates:
          - name: error-rate
            kind: errorRate
            metric: requests_total
            errors: code=~"5.."
            max: 0.05
          - name: error-rate-vs-baseline
            kind: sequentialErrorRate
            metric: requests_total
            errors: code=~"5.."
            minimumEffect: 1.0
          - name: prediction-shift
            kind: sequentialDrift
            metric: prediction_value
            minimumEffect: 0.25
            duration: 20s
        """;

    private static readonly GatesDocument Document = GatesFile.Parse(Gates, "gates.yaml");

    [Fact]
    public void At_ten_percent_the_sequential_gates_may_look_ten_times_as_often_and_the_absolute_ones_keep_their_schedule()
    {
        var step = CanaryAnalysisSchedule.For(Document, 10);

        Assert.Equal(15, Count(step, "error-rate"));
        Assert.Equal(150, Count(step, "error-rate-vs-baseline"));
        Assert.Equal(110, Count(step, "prediction-shift")); // 20 s every 2 s is 11 looks
        Assert.All(step.Gates, gate => Assert.Equal(TimeSpan.FromSeconds(2), gate.Schedule.Interval));
    }

    [Theory]
    [InlineData(100, 1)]
    [InlineData(50, 2)]
    [InlineData(30, 4)]
    [InlineData(1, CanaryAnalysisSchedule.MaxStretch)]
    public void The_stretch_is_the_inverse_of_the_share_rounded_up_and_capped(double percent, int stretch)
    {
        Assert.Equal(stretch, CanaryAnalysisSchedule.Stretch(percent));
        Assert.Equal(15 * stretch, Count(CanaryAnalysisSchedule.For(Document, percent), "error-rate-vs-baseline"));
    }

    private static int Count(GatesDocument document, string gate) =>
        document.Gates.Single(g => g.Name == gate).Schedule.MeasurementCount;
}
