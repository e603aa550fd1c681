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
    /// <summary>
    /// Not judged yet: the data cannot say anything at this time (e.g. the version's series are younger than
    /// the window). Not counted against any limit, never a pass.
    /// </summary>
    public bool Pending { get; init; }

    /// <summary>The backend could not answer.</summary>
    public static Observation Failed(IReadOnlyList<string> queries, string error) =>
        new(queries, null, null, new TestCriterion(null, error), error);

    /// <summary>No data: the version measured is not (or no longer) scraped, or the result is empty; <paramref name="why"/> says which.</summary>
    public static Observation NoData(IReadOnlyList<string> queries, string why) =>
        new(queries, null, null, new TestCriterion(null, why), Detail: why);

    /// <summary>Too early to judge; see <see cref="Pending"/>.</summary>
    public static Observation NotYet(IReadOnlyList<string> queries, string why) =>
        new(queries, null, null, new TestCriterion(null, why), Detail: why) { Pending = true };
}
