using Shipgate.LocalStack.Load;

namespace Shipgate.LocalStack.Tests;

public sealed class RampScheduleTests
{
    [Fact]
    public void A_constant_rate_sends_evenly_spaced_requests()
    {
        var times = RampSchedule.SendTimes(4, 4, TimeSpan.FromSeconds(2)).ToList();

        Assert.Equal(8, times.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(k => k * 0.25), times.Select(t => Math.Round(t.TotalSeconds, 9)));
    }

    [Fact]
    public void A_rising_ramp_sends_the_area_under_the_rate_with_more_in_the_second_half()
    {
        // r(t) = 10 + 2t over 10 s: N(10) = 200 in all, N(5) = 10·5 + 20·25/20 = 75 in the first half.
        var times = RampSchedule.SendTimes(10, 30, TimeSpan.FromSeconds(10)).ToList();

        Assert.Equal(200, times.Count);
        Assert.Equal(75, times.Count(t => t < TimeSpan.FromSeconds(5)), tolerance: 1);
        Assert.True(times.Zip(times.Skip(1)).All(p => p.First <= p.Second), "send times must not go backwards");
        Assert.True(times[^1] < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void A_ramp_from_zero_starts_slowly()
    {
        // r(t) = 10t over 2 s: N(t) = 5t², so request k is due at sqrt(k/5).
        var times = RampSchedule.SendTimes(0, 20, TimeSpan.FromSeconds(2)).ToList();

        Assert.Equal(20, times.Count);
        Assert.Equal(Math.Sqrt(5 / 5.0), times[5].TotalSeconds, precision: 9);
    }

    [Fact]
    public void A_falling_ramp_is_the_mirror_image()
    {
        var times = RampSchedule.SendTimes(30, 10, TimeSpan.FromSeconds(10)).ToList();

        Assert.Equal(200, times.Count);
        Assert.Equal(125, times.Count(t => t < TimeSpan.FromSeconds(5)), tolerance: 1);
    }

    [Theory]
    [InlineData(-1, 10, 10, "StartRate")]
    [InlineData(0, 0, 10, "EndRate")]
    [InlineData(1, 5000, 10, "EndRate")]
    [InlineData(1, 10, 0, "Duration")]
    [InlineData(1, 10, 7200, "Duration")]
    public void Unbounded_or_empty_profiles_are_rejected_naming_the_field(double start, double end, int seconds, string field)
    {
        var profile = new LoadProfile
        {
            StartRate = start,
            EndRate = end,
            Duration = TimeSpan.FromSeconds(seconds),
            Features = FeatureDistribution.StandardNormal(["x"]),
        };

        var error = Assert.Throws<ArgumentException>(profile.Validate);

        Assert.Equal(field, error.ParamName);
    }
}
