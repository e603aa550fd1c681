using System.Diagnostics;
using Serilog;
using Serilog.Context;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// Runs a plan. Before anything runs: static conditions, then requirements. Then each target in order,
/// with its dynamic conditions checked just before it. After a failure only targets that proceed
/// past failures or are assured after failure still run; an interrupt (Ctrl-C, SIGTERM) runs only the assured ones.
/// </summary>
internal sealed class BuildExecutor(IReadOnlyList<ExecutableTarget> targets, IBuildHost host)
{
    private readonly Dictionary<string, ExecutableTarget> _byName = targets.ToDictionary(t => t.Name, StringComparer.Ordinal);

    /// <summary>Evaluates static conditions and requirements; throws <see cref="RequirementsException"/> when any is unmet.</summary>
    public ExecutionPlan Prepare(ExecutionPlan plan)
    {
        var falseConditions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in plan.Steps.Where(step => !step.IsSkipped))
        {
            var failed = _byName[step.Name].Definition.StaticConditions.FirstOrDefault(condition => !condition.Evaluate());
            if (failed is not null)
                falseConditions[step.Name] = failed.Expression;
        }

        var prepared = ExecutionPlanner.SkipStatically(plan, targets.Select(t => t.Node).ToList(), falseConditions);
        // One line per problem: a parameter that several targets check is named once, with every target.
        var problems = prepared.Steps
            .Where(step => !step.IsSkipped)
            .SelectMany(step => _byName[step.Name].Definition.Requirements
                .Select(requirement => requirement.Problem())
                .OfType<string>()
                .Select(problem => (Target: step.Name, Problem: problem)))
            .GroupBy(unmet => unmet.Problem, StringComparer.Ordinal)
            .Select(group => group.Count() == 1
                ? $"Target '{group.First().Target}' requires {group.Key}."
                : $"Targets {string.Join(", ", group.Select(unmet => $"'{unmet.Target}'"))} require {group.Key}.")
            .ToList();
        return problems.Count > 0 ? throw new RequirementsException(problems) : prepared;
    }

    public async Task<IReadOnlyList<TargetOutcome>> RunAsync(ExecutionPlan plan, CancellationToken interrupt)
    {
        var outcomes = new Dictionary<string, TargetOutcome>(StringComparer.Ordinal);
        var stopping = false;
        foreach (var step in plan.Steps)
        {
            var target = _byName[step.Name];
            var assured = target.Definition.IsAssuredAfterFailure;
            stopping |= interrupt.IsCancellationRequested;
            outcomes[step.Name] = step.SkipReason is { } skipReason
                ? new TargetOutcome(step.Name, TargetStatus.Skipped, TimeSpan.Zero, skipReason)
                : stopping && !assured
                    ? new TargetOutcome(step.Name, TargetStatus.NotRun, TimeSpan.Zero, interrupt.IsCancellationRequested ? "interrupted" : "an earlier target failed")
                    : FailedDependency(target, outcomes) is { } dependency && !assured
                        ? new TargetOutcome(step.Name, TargetStatus.NotRun, TimeSpan.Zero, $"dependency '{dependency}' did not succeed")
                        : await RunTargetAsync(target, assured ? CancellationToken.None : interrupt);
            if (outcomes[step.Name].Status is TargetStatus.Failed or TargetStatus.Aborted && !target.Definition.IsProceedAfterFailure)
                stopping = true;
        }

        return plan.Steps.Select(step => outcomes[step.Name]).ToList();
    }

    private static string? FailedDependency(ExecutableTarget target, Dictionary<string, TargetOutcome> outcomes) =>
        target.Node.DependsOn.FirstOrDefault(name =>
            outcomes.TryGetValue(name, out var outcome) && outcome.Status is TargetStatus.Failed or TargetStatus.Aborted or TargetStatus.NotRun);

    private async Task<TargetOutcome> RunTargetAsync(ExecutableTarget target, CancellationToken cancellation)
    {
        var failedCondition = target.Definition.DynamicConditions.FirstOrDefault(condition => !condition.Evaluate());
        if (failedCondition is not null)
            return new TargetOutcome(target.Name, TargetStatus.Skipped, TimeSpan.Zero, $"condition '{failedCondition.Expression}' is false");

        using var property = LogContext.PushProperty("Target", target.Name);
        using var group = host.BeginGroup(target.Name);
        var clock = Stopwatch.StartNew();
        try
        {
            foreach (var action in target.Definition.Actions)
            {
                cancellation.ThrowIfCancellationRequested();
                await action(cancellation);
            }

            return new TargetOutcome(target.Name, TargetStatus.Succeeded, clock.Elapsed);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            Log.Error("Target {Target} was interrupted", target.Name);
            return new TargetOutcome(target.Name, TargetStatus.Aborted, clock.Elapsed, "interrupted");
        }
        catch (TargetFailedException failure)
        {
            Log.Error("Target {Target} failed: {Message}", target.Name, failure.Message);
            return new TargetOutcome(target.Name, TargetStatus.Failed, clock.Elapsed, FirstLine(failure.Message));
        }
        catch (Exception exception)
        {
            Log.Error(exception, "Target {Target} failed: {Message}", target.Name, exception.Message);
            return new TargetOutcome(target.Name, TargetStatus.Failed, clock.Elapsed, FirstLine(exception.Message));
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].TrimEnd();
}
