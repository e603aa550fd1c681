using Shipgate.DeployTargets.Swarm;

namespace Shipgate.DeployTargets.Tests.Decisions;

public sealed class SwarmConvergenceTests
{
    [Theory]
    [InlineData(null, 4, ConvergenceGoal.Created, ConvergenceState.Converged)]
    [InlineData(null, 3, ConvergenceGoal.Created, ConvergenceState.Converging)]
    [InlineData("updating", 4, ConvergenceGoal.Updated, ConvergenceState.Converging)]
    [InlineData("completed", 4, ConvergenceGoal.Updated, ConvergenceState.Converged)]
    [InlineData("rollback_started", 0, ConvergenceGoal.Updated, ConvergenceState.RolledBackBySwarm)]
    [InlineData("paused", 2, ConvergenceGoal.Updated, ConvergenceState.Stuck)]
    // The tasks Swarm keeps already run the old image before it starts the rollback: not done yet.
    [InlineData(null, 4, ConvergenceGoal.SwarmRollback, ConvergenceState.Converging)]
    [InlineData("updating", 4, ConvergenceGoal.SwarmRollback, ConvergenceState.Converging)]
    [InlineData("rollback_completed", 4, ConvergenceGoal.SwarmRollback, ConvergenceState.Converged)]
    [InlineData("rollback_completed", 4, ConvergenceGoal.Unchanged, ConvergenceState.Converged)]
    [InlineData("updating", 4, ConvergenceGoal.Unchanged, ConvergenceState.Converging)]
    public void Convergence_is_decided_from_the_update_state_and_the_serving_tasks(string? state, int serving, ConvergenceGoal goal, ConvergenceState expected) =>
        Assert.Equal(expected, SwarmConvergence.Judge(state, serving, 4, goal));
}
