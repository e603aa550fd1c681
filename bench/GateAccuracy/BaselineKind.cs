namespace Shipgate.Bench.GateAccuracy;

/// <summary>What the gates compare the canary with.</summary>
public enum BaselineKind
{
    /// <summary>The previous version's data from before the switch (the release's baseline time is the switch), today's comparison.</summary>
    BeforeSwitch,

    /// <summary>A fresh container of the previous version serving beside the canary, read at the same instants.</summary>
    Concurrent,
}
