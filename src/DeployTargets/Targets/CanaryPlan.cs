namespace Shipgate.DeployTargets.Targets;

/// <summary>
/// Pure: the canary steps a release runs. Weights only go up, an analysis needs the canary to have traffic, and the
/// canary takes all the traffic after the last step (a final 100 % is implied when the steps stop below it).
/// </summary>
public static class CanaryPlan
{
    /// <summary>10 % → analysis → 50 % → analysis → 100 %: when the environment names no steps.</summary>
    public static IReadOnlyList<CanaryStep> Default { get; } =
        [new CanaryStep.SetWeight(10), new CanaryStep.Analysis(), new CanaryStep.SetWeight(50), new CanaryStep.Analysis(), new CanaryStep.SetWeight(100)];

    /// <summary>What is wrong with the steps (naming the step, counted from 1), or null when they can run.</summary>
    public static string? Problem(IReadOnlyList<CanaryStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Count == 0) return "a canary needs at least one step";
        double? weight = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var problem = steps[i] switch
            {
                CanaryStep.SetWeight { Percent: <= 0 or > 100 or double.NaN } set => $"setWeight is above 0 and at most 100, not {set.Percent}",
                CanaryStep.SetWeight set when set.Percent <= weight => $"setWeight {set.Percent} does not raise the canary's weight ({weight} before it)",
                CanaryStep.Analysis when weight is null => "analysis before any setWeight: the canary has no traffic to analyse",
                CanaryStep.Pause { Duration: var d } when d <= TimeSpan.Zero => "pause needs a duration above 0",
                CanaryStep.PauseUntilApproved when weight is null => "pause until approved before any setWeight: the canary has no traffic to hold",
                CanaryStep.PauseUntilApproved when weight >= 100 => "pause until approved after setWeight 100: the canary already has all the traffic (approve the promote instead)",
                _ => null,
            };
            if (problem is not null) return $"step {i + 1}: {problem}";
            if (steps[i] is CanaryStep.SetWeight { Percent: var percent })
                weight = percent;
        }
        return null;
    }

    /// <summary>The steps as they run: a final setWeight 100 is added when the steps end below it.</summary>
    public static IReadOnlyList<CanaryStep> Complete(IReadOnlyList<CanaryStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var last = steps.OfType<CanaryStep.SetWeight>().LastOrDefault()?.Percent;
        return last >= 100 ? steps : [.. steps, new CanaryStep.SetWeight(100)];
    }

    /// <summary>
    /// What stops a canary held at <paramref name="heldStep"/> (from 1) from resuming with <paramref name="steps"/> (the
    /// environment's steps now), or null: that step must still be a pause until approved, or the steps changed under it.
    /// </summary>
    public static string? ResumeProblem(IReadOnlyList<CanaryStep> steps, int? heldStep)
    {
        var plan = Complete(steps);
        return heldStep is { } step && step >= 1 && step <= plan.Count && plan[step - 1] is CanaryStep.PauseUntilApproved
            ? null
            : $"the canary was held at step {heldStep?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}, which is not a pause until approved in the environment's steps now ({Describe(plan)}); roll it back and deploy again";
    }

    /// <summary>True when the steps hold the canary until a release manager approves (a resume, and its approval, follow).</summary>
    public static bool AwaitsApproval(IReadOnlyList<CanaryStep>? steps) => steps?.OfType<CanaryStep.PauseUntilApproved>().Any() == true;

    /// <summary>The steps on one line, as the log and the ledger show them.</summary>
    public static string Describe(IReadOnlyList<CanaryStep> steps) => string.Join(" → ", (steps ?? []).Select(s => s.ToString()));
}
