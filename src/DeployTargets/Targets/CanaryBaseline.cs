namespace Shipgate.DeployTargets.Targets;

/// <summary>What a canary's analyses compare it with.</summary>
public enum CanaryBaseline
{
    /// <summary>The stable release serving the rest of the traffic beside the canary.</summary>
    Stable,

    /// <summary>
    /// Kayenta's recommendation: a fresh container of the stable image, started for the canary's analyses and given the
    /// canary's weight, so both are new processes judged on the same traffic at the same time (the stable release's
    /// long-lived process, warm caches and larger share do not confound the comparison).
    /// </summary>
    Concurrent,
}

/// <summary>The baselines' names as the environments file writes them: stable, concurrent.</summary>
public static class CanaryBaselines
{
    public static string Name(this CanaryBaseline baseline) => baseline == CanaryBaseline.Concurrent ? "concurrent" : "stable";

    /// <summary>The baseline a name means (case-insensitive); null for an unknown name.</summary>
    public static CanaryBaseline? Parse(string? name) =>
        Enum.GetValues<CanaryBaseline>().Where(b => string.Equals(b.Name(), name, StringComparison.OrdinalIgnoreCase)).Select(b => (CanaryBaseline?)b).FirstOrDefault();

    /// <summary>
    /// What keeps the steps from running with this baseline, or null: a concurrent baseline takes as much traffic as the
    /// canary, so a setWeight below 100 is at most 50 (at 50 the stable release gets nothing, the baseline serves its half).
    /// </summary>
    public static string? Problem(IReadOnlyList<CanaryStep> steps, CanaryBaseline baseline)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (baseline != CanaryBaseline.Concurrent) return null;
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is CanaryStep.SetWeight { Percent: > 50 and < 100 } set)
                return $"step {i + 1}: setWeight {set.Percent} with a concurrent baseline, which gets as much: below 100 a canary's weight is at most 50";
        }
        return null;
    }

    /// <summary>
    /// The version label of a concurrent baseline's metrics: the stable version's, told apart from it and new for each
    /// baseline (1.0.0 → 1.0.0-baseline-3fa9c2, the end of its id): under the stable's label its series would be summed
    /// with the stable release's, and a label reused by a retried canary would add the previous baseline's requests
    /// within the gates' baseline window.
    /// </summary>
    public static string VersionOf(string stableVersion, string baselineId)
    {
        ArgumentNullException.ThrowIfNull(baselineId);
        return $"{stableVersion}-baseline-{baselineId[^Math.Min(6, baselineId.Length)..]}";
    }
}
