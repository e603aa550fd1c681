namespace Shipgate.DeployTargets.Ledger;

/// <summary>
/// How far a release behind a traffic router got (recorded in the ledger after each step, so a report or a recovery
/// can tell where a killed deploy stopped).
/// </summary>
public enum RouterStep
{
    /// <summary>Healthy on its own port and in the router's backend at weight 0: the previous release still takes all the traffic.</summary>
    Added,

    /// <summary>Blue-green: answered the preview traffic sent to it alone.</summary>
    Previewed,

    /// <summary>Takes all the traffic; the previous release is at weight 0.</summary>
    Switched,

    /// <summary>The previous release finished its requests in flight (it stays running at weight 0 until the promote).</summary>
    Drained,
}
