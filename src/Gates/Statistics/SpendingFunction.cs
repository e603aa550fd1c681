namespace Shipgate.Gates.Statistics;

/// <summary>A Lan–DeMets alpha-spending function: how much of a gate's α may be spent by a given look.</summary>
public enum SpendingFunction
{
    /// <summary>O'Brien–Fleming type: spends almost nothing early, most at the last look where the data is largest.</summary>
    OBrienFleming,

    /// <summary>Pocock type: spends more evenly, favouring early stops.</summary>
    Pocock,
}
