namespace Shipgate.DeployTargets.Swarm;

public enum ConvergenceState
{
    Converging,
    Converged,
    RolledBackBySwarm,
    Stuck,
}

/// <summary>Pure: reads a service's update status and its tasks, and says whether the wanted image serves.</summary>
public static class SwarmConvergence
{
    /// <param name="updateState">the service's UpdateStatus.State, null for a service never updated</param>
    /// <param name="runningTasksWithImage">tasks in state running whose spec has the wanted digest</param>
    /// <param name="replicas">tasks wanted</param>
    /// <param name="wantRollback">true while returning to a previous release, when a Swarm rollback is the goal</param>
    public static ConvergenceState Judge(string? updateState, int runningTasksWithImage, int replicas, bool wantRollback) => updateState switch
    {
        "rollback_completed" when wantRollback && runningTasksWithImage >= replicas => ConvergenceState.Converged,
        "rollback_completed" or "rollback_started" when !wantRollback => ConvergenceState.RolledBackBySwarm,
        "paused" or "rollback_paused" => ConvergenceState.Stuck,
        null or "" or "completed" when runningTasksWithImage >= replicas => ConvergenceState.Converged,
        _ => ConvergenceState.Converging,
    };
}
