namespace Shipgate.DeployTargets.Swarm;

public enum ConvergenceState
{
    Converging,
    Converged,
    RolledBackBySwarm,
    Stuck,
}

/// <summary>What was asked of Swarm, which decides the update state that counts as done.</summary>
public enum ConvergenceGoal
{
    /// <summary>A new service: it has no update status yet.</summary>
    Created,

    /// <summary>A spec update: done at "completed"; a Swarm rollback means the release failed.</summary>
    Updated,

    /// <summary>A Swarm rollback to the previous spec: done only at "rollback_completed".</summary>
    SwarmRollback,

    /// <summary>Nothing was asked (the spec is already the wanted one): done once the tasks serve and nothing is in progress.</summary>
    Unchanged,
}

/// <summary>Pure: reads a service's update status and its tasks, and says whether the wanted image serves.</summary>
public static class SwarmConvergence
{
    /// <param name="updateState">the service's UpdateStatus.State, null for a service never updated</param>
    /// <param name="runningTasksWithImage">tasks in state running whose spec has the wanted digest (capped below
    /// <paramref name="replicas"/> while other tasks are still wanted)</param>
    /// <param name="replicas">tasks wanted</param>
    /// <param name="goal">what was asked</param>
    public static ConvergenceState Judge(string? updateState, int runningTasksWithImage, int replicas, ConvergenceGoal goal)
    {
        var allServing = runningTasksWithImage >= replicas;
        return (goal, updateState) switch
        {
            (_, "paused" or "rollback_paused") => ConvergenceState.Stuck,
            (ConvergenceGoal.Updated, "rollback_started" or "rollback_completed") => ConvergenceState.RolledBackBySwarm,
            // Before Swarm picks a rollback up, the tasks it will keep already run the old image: only its own
            // "rollback_completed" says the rollback is over.
            (ConvergenceGoal.SwarmRollback, "rollback_completed") when allServing => ConvergenceState.Converged,
            (ConvergenceGoal.SwarmRollback, _) => ConvergenceState.Converging,
            (ConvergenceGoal.Created, null or "" or "completed") when allServing => ConvergenceState.Converged,
            (ConvergenceGoal.Updated, null or "" or "completed") when allServing => ConvergenceState.Converged,
            (ConvergenceGoal.Unchanged, not ("updating" or "rollback_started")) when allServing => ConvergenceState.Converged,
            _ => ConvergenceState.Converging,
        };
    }
}
