using System.Linq.Expressions;
using Shipgate.Pipeline.Approvals;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// Records what a target definition says, nothing more: no validation, no execution.
/// Relations are kept as the delegates the user passed; <see cref="TargetDiscovery"/> resolves them to names.
/// A relation to a component's targets (<c>DependsOn&lt;IStackTargets&gt;(x =&gt; x.Up)</c>) is read from the build
/// right away; a build that is not that component leaves a <see cref="Problems">problem</see> for discovery to report.
/// </summary>
internal sealed class TargetDefinition(object build, string name) : ITargetDefinition
{
    /// <summary>What the definition asked for and the build cannot give: relations to a component it does not implement.</summary>
    public List<string> Problems { get; } = [];

    public string? DescriptionText { get; private set; }
    public bool IsUnlisted { get; private set; }
    public bool IsProceedAfterFailure { get; private set; }
    public bool IsAssuredAfterFailure { get; private set; }
    public DependencyBehavior SkippedBehavior { get; private set; } = DependencyBehavior.Execute;
    public List<Func<CancellationToken, Task>> Actions { get; } = [];
    public List<Target> DependsOnTargets { get; } = [];
    public List<Target> DependentForTargets { get; } = [];
    public List<Target> AfterTargets { get; } = [];
    public List<Target> BeforeTargets { get; } = [];
    public List<Target> TriggersTargets { get; } = [];
    public List<Target> TriggeredByTargets { get; } = [];
    public List<Condition> StaticConditions { get; } = [];
    public List<Condition> DynamicConditions { get; } = [];
    public List<Requirement> Requirements { get; } = [];
    public List<ApprovalRequirement> ApprovalRequirements { get; } = [];

    public ITargetDefinition Description(string description) => Set(() => DescriptionText = description);

    public ITargetDefinition Executes(Action action) => Set(() => Actions.Add(_ =>
    {
        action();
        return Task.CompletedTask;
    }));

    public ITargetDefinition Executes(Func<Task> action) => Set(() => Actions.Add(_ => action()));

    public ITargetDefinition Executes(Func<CancellationToken, Task> action) => Set(() => Actions.Add(action));

    public ITargetDefinition DependsOn(params Target[] targets) => Set(() => DependsOnTargets.AddRange(targets));

    public ITargetDefinition DependentFor(params Target[] targets) => Set(() => DependentForTargets.AddRange(targets));

    public ITargetDefinition After(params Target[] targets) => Set(() => AfterTargets.AddRange(targets));

    public ITargetDefinition Before(params Target[] targets) => Set(() => BeforeTargets.AddRange(targets));

    public ITargetDefinition Triggers(params Target[] targets) => Set(() => TriggersTargets.AddRange(targets));

    public ITargetDefinition TriggeredBy(params Target[] targets) => Set(() => TriggeredByTargets.AddRange(targets));

    public ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets) => DependsOn(Resolve(targets));

    public ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets) => DependentFor(Resolve(targets));

    public ITargetDefinition After<T>(params Func<T, Target>[] targets) => After(Resolve(targets));

    public ITargetDefinition Before<T>(params Func<T, Target>[] targets) => Before(Resolve(targets));

    public ITargetDefinition Triggers<T>(params Func<T, Target>[] targets) => Triggers(Resolve(targets));

    public ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets) => TriggeredBy(Resolve(targets));

    public ITargetDefinition OnlyWhenStatic(Func<bool> condition, string expression = "") =>
        Set(() => StaticConditions.Add(new Condition(expression, condition)));

    public ITargetDefinition OnlyWhenDynamic(Func<bool> condition, string expression = "") =>
        Set(() => DynamicConditions.Add(new Condition(expression, condition)));

    public ITargetDefinition WhenSkipped(DependencyBehavior behavior) => Set(() => SkippedBehavior = behavior);

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameter) =>
        Set(() => Requirements.Add(Requirement.ForParameter(parameter)));

    public ITargetDefinition Requires<T>(Expression<Func<T>> parameter, Func<T, string?> problem) =>
        Set(() => Requirements.Add(Requirement.ForValidParameter(parameter, problem)));

    public ITargetDefinition Requires(Func<bool> condition, string expression = "") =>
        Set(() => Requirements.Add(Requirement.ForCondition(condition, expression)));

    public ITargetDefinition RequiresApproval(string environment, params string[] approvers) =>
        Set(() => ApprovalRequirements.Add(new ApprovalRequirement(environment, approvers)));

    public ITargetDefinition RequiresApproval(string environment, Func<string?> deployingTo, params string[] approvers) =>
        Set(() => ApprovalRequirements.Add(new ApprovalRequirement(environment, approvers, deployingTo)));

    public ITargetDefinition ProceedAfterFailure() => Set(() => IsProceedAfterFailure = true);

    public ITargetDefinition AssuredAfterFailure() => Set(() => IsAssuredAfterFailure = true);

    public ITargetDefinition Unlisted() => Set(() => IsUnlisted = true);

    private Target[] Resolve<T>(Func<T, Target>[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (build is T component)
            return [.. targets.Select(target => target(component))];
        Problems.Add($"Target '{name}' refers to targets of {typeof(T).Name}, which the build {build.GetType().Name} does not implement.");
        return [];
    }

    private TargetDefinition Set(Action record)
    {
        record();
        return this;
    }
}
