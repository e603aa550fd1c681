namespace Shipgate.Gates.Analysis;

/// <summary>
/// What a gate saw when it asked the backend once, before any judgement: the value, how many samples it
/// rests on, the queries as sent, the criterion to hold it to, or the backend error that stopped it.
/// <see cref="MeasurementJudge"/> turns it into a <see cref="Model.Measurement"/>.
/// </summary>
public sealed record Observation(
    IReadOnlyList<string> Queries,
    double? Value,
    double? SampleSize,
    Criterion Criterion,
    string? BackendError = null,
    string? Detail = null)
{
    /// <summary>The backend could not answer.</summary>
    public static Observation Failed(IReadOnlyList<string> queries, string error) =>
        new(queries, null, null, new TestCriterion(null, error), error);
}
