using Shipgate.Gates.Analysis;
using Shipgate.Gates.Statistics;

namespace Shipgate.Gates.Observers;

/// <summary>A statistics evaluator's phase as a criterion: its Inconclusive stays undecided.</summary>
internal static class StatisticalCriterion
{
    public static TestCriterion From(StatisticalPhase phase, string reason) => new(phase switch
    {
        StatisticalPhase.Pass => true,
        StatisticalPhase.Fail => false,
        _ => null,
    }, reason);
}
