using System.Globalization;
using Shipgate.Gates.Model;

namespace Shipgate.Gates.Analysis;

/// <summary>
/// The one place where an observation becomes a measurement phase. Every gate kind goes through here,
/// so the rule holds everywhere: an empty result, NaN, infinity, too few samples or a backend error is
/// never a Pass.
/// </summary>
public static class MeasurementJudge
{
    public static Measurement Judge(string gate, DateTimeOffset time, Observation observation, GateLimits limits)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(limits);
        var (phase, reason) = Phase(observation, limits);
        if (observation.Detail is { Length: > 0 } detail)
            reason = $"{reason} ({detail})";
        return new Measurement(gate, time, phase, observation.Value, observation.SampleSize, observation.Queries, reason);
    }

    private static (MeasurementPhase Phase, string Reason) Phase(Observation o, GateLimits limits)
    {
        if (o.BackendError is { } error)
            return (MeasurementPhase.Error, $"backend error: {error}");
        if (o.Pending)
            return (MeasurementPhase.Pending, "not judged yet");
        if (o.Value is not { } value)
            return (MeasurementPhase.Inconclusive, o.Detail is null ? "no data: the query returned an empty result" : "no data");

        // A statistical test that could not decide knows why (too few observations, edges differ): its reason, not a guess.
        if (double.IsNaN(value) && o.Criterion is TestCriterion { Passed: null } undecided)
            return (MeasurementPhase.Inconclusive, undecided.Reason);
        if (double.IsNaN(value))
            return (MeasurementPhase.Inconclusive, "no data: the value is NaN (a bucket or sample is NaN, or 0/0: no traffic in the window)");

        // An infinite ratio (a change from zero) is judged by a test that decided on the counts; alone it says nothing.
        if (double.IsInfinity(value) && o.Criterion is not TestCriterion { Passed: not null })
            return (MeasurementPhase.Inconclusive, $"the value is {(value > 0 ? "+" : "-")}infinite: no finite measure to hold to the limit");
        if (limits.MinSamples > 0)
        {
            if (o.SampleSize is not { } n || double.IsNaN(n))
                return (MeasurementPhase.Inconclusive, $"sample size unknown; at least {Format(limits.MinSamples)} needed");
            if (n < limits.MinSamples)
                return (MeasurementPhase.Inconclusive, $"too few samples: {Format(n)} < {Format(limits.MinSamples)}");
        }

        return o.Criterion switch
        {
            BandCriterion { Band: var band } when band.Contains(value) =>
                (MeasurementPhase.Pass, $"{Format(value)} is {band}"),
            BandCriterion { Band: var band } =>
                (MeasurementPhase.Fail, $"{Format(value)} is not {band}"),
            TestCriterion { Passed: true } t => (MeasurementPhase.Pass, t.Reason),
            TestCriterion { Passed: false } t => (MeasurementPhase.Fail, t.Reason),
            TestCriterion t => (MeasurementPhase.Inconclusive, t.Reason),
            _ => (MeasurementPhase.Inconclusive, "no criterion to judge the value by"),
        };
    }

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
