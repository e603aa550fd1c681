using Shipgate.Gates.Model;
using Shipgate.Gates.Statistics.Sequential;

namespace Shipgate.Gates.Specs;

/// <summary>
/// A gate that compares the new version with the baseline by a sequential test: at every measurement it
/// decides on all the data since the analysis started, failing as soon as a regression of the minimum effect
/// is more likely than none, passing as soon as that regression is ruled out, and otherwise measuring on.
/// However often it looks, it fails a version that did not regress with probability at most
/// <see cref="SequentialOptions.FalseRollbackRate"/>. The measured value is the log likelihood ratio, held
/// below the fail boundary ln(1/α).
/// </summary>
public abstract record SequentialGate(string GateName) : GateSpec(GateName)
{
    /// <summary>
    /// Said by a measurement whose baseline had fewer observations than the test needs. Still said at the last
    /// measurement, the baseline never had the data to compare with: the gate is then not applicable (as for a
    /// baseline without data), never a pass, and the other gates decide.
    /// </summary>
    public const string BaselineTooSmall = "the baseline has too few observations in its window to compare with";

    public SequentialOptions Options { get; init; } = new();

    /// <summary>
    /// When the data the test accumulates starts: the window of every query is the gate's window before this
    /// instant plus everything since. The analysis sets it to its start; null: the window alone.
    /// </summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>
    /// The baseline's window. Null: the same growing window as the new version's (the two compared over the same
    /// time). A baseline that has served for long knows its rates far better over a longer window (its last
    /// 10m, say), and the test then decides sooner.
    /// </summary>
    public TimeSpan? BaselineWindow { get; init; }

    public override bool UsesBaseline => true;

    public override ThresholdBand Band => new(null, Options.FailBoundary);

    /// <summary>The query window at <paramref name="at"/>: <paramref name="window"/> before <see cref="Since"/> plus the time since, in whole seconds.</summary>
    public TimeSpan WindowAt(DateTimeOffset at, TimeSpan window) => Since is { } since && at > since
        ? TimeSpan.FromSeconds(Math.Ceiling((window + (at - since)).TotalSeconds))
        : window;

    /// <summary>
    /// The gates with the release's budgets applied: each deciding (not dry-run) sequential gate gets an equal share
    /// of <paramref name="falseRollbackRate"/> (so the chance that any of them fails a healthy release stays below
    /// it), and every sequential gate <paramref name="missedRegressionRate"/>. Other gates are returned as they are.
    /// </summary>
    public static IReadOnlyList<GateSpec> ApplyBudget(IReadOnlyList<GateSpec> gates, double falseRollbackRate, double missedRegressionRate)
    {
        ArgumentNullException.ThrowIfNull(gates);
        var deciding = Math.Max(1, gates.Count(g => g is SequentialGate { DryRun: false }));
        return gates.Select(g => g is SequentialGate s
            ? s with { Options = s.Options with { FalseRollbackRate = falseRollbackRate / deciding, MissedRegressionRate = missedRegressionRate } }
            : g).ToList();
    }
}
