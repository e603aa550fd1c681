using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Shipgate.Pipeline;

/// <summary>
/// The whole target DSL. Relations come in symmetric pairs, so either side can declare them:
/// <list type="bullet">
/// <item><c>DependsOn</c>/<c>DependentFor</c>: pulls the other target in and runs it first.</item>
/// <item><c>After</c>/<c>Before</c>: orders only; never pulls a target in.</item>
/// <item><c>Triggers</c>/<c>TriggeredBy</c>: pulls the other target in and runs it afterwards.</item>
/// </list>
/// Definitions only record intent; <see cref="Planning.ExecutionPlanner"/> turns them into a plan.
/// Each relation also takes targets of a component the build implements, by interface:
/// <c>_.DependentFor&lt;IReleaseTargets&gt;(x =&gt; x.Image)</c>; a build that does not implement it is a planning error.
/// </summary>
public interface ITargetDefinition
{
    /// <summary>Shown by <c>--help</c> and in the plan.</summary>
    ITargetDefinition Description(string description);

    ITargetDefinition Executes(Action action);

    ITargetDefinition Executes(Func<Task> action);

    /// <summary>An action that observes Ctrl-C and SIGTERM through the token.</summary>
    ITargetDefinition Executes(Func<CancellationToken, Task> action);

    ITargetDefinition DependsOn(params Target[] targets);

    ITargetDefinition DependentFor(params Target[] targets);

    ITargetDefinition After(params Target[] targets);

    ITargetDefinition Before(params Target[] targets);

    ITargetDefinition Triggers(params Target[] targets);

    ITargetDefinition TriggeredBy(params Target[] targets);

    /// <summary>As <see cref="DependsOn(Target[])"/>, with targets of the component <typeparamref name="T"/>: <c>DependsOn&lt;IStackTargets&gt;(x =&gt; x.Up)</c>.</summary>
    ITargetDefinition DependsOn<T>(params Func<T, Target>[] targets);

    /// <summary>As <see cref="DependentFor(Target[])"/>, with targets of the component <typeparamref name="T"/>.</summary>
    ITargetDefinition DependentFor<T>(params Func<T, Target>[] targets);

    /// <summary>As <see cref="After(Target[])"/>, with targets of the component <typeparamref name="T"/>.</summary>
    ITargetDefinition After<T>(params Func<T, Target>[] targets);

    /// <summary>As <see cref="Before(Target[])"/>, with targets of the component <typeparamref name="T"/>.</summary>
    ITargetDefinition Before<T>(params Func<T, Target>[] targets);

    /// <summary>As <see cref="Triggers(Target[])"/>, with targets of the component <typeparamref name="T"/>.</summary>
    ITargetDefinition Triggers<T>(params Func<T, Target>[] targets);

    /// <summary>As <see cref="TriggeredBy(Target[])"/>, with targets of the component <typeparamref name="T"/>.</summary>
    ITargetDefinition TriggeredBy<T>(params Func<T, Target>[] targets);

    /// <summary>Checked once before any target runs; a false condition skips the target.</summary>
    ITargetDefinition OnlyWhenStatic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>Checked just before the target would run; a false condition skips it.</summary>
    ITargetDefinition OnlyWhenDynamic(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>What happens to this target's dependencies when a static condition skips it.</summary>
    ITargetDefinition WhenSkipped(DependencyBehavior behavior);

    /// <summary>A parameter that must have a value; checked before the first target runs, the error names it.</summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameter);

    /// <summary>
    /// A parameter whose value, when given, must pass <paramref name="problem"/> (null: valid; else the rule it breaks,
    /// e.g. "a port, 1..65535, not 99999"); checked before the first target runs, the error names the parameter.
    /// </summary>
    ITargetDefinition Requires<T>(Expression<Func<T>> parameter, Func<T, string?> problem);

    /// <summary>A condition that must hold before the first target runs; the error quotes it.</summary>
    ITargetDefinition Requires(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string expression = "");

    /// <summary>
    /// A release manager must approve before this target runs: GitHub environment reviewers, a GitLab manual job
    /// on the protected environment, a Jenkins <c>input</c> with these submitters, or locally a prompt or <c>--approve</c>.
    /// </summary>
    ITargetDefinition RequiresApproval(string environment, params string[] approvers);

    /// <summary>As <see cref="RequiresApproval(string, string[])"/>, only when <paramref name="deployingTo"/> returns <paramref name="environment"/> (e.g. <c>() =&gt; Environment</c>).</summary>
    ITargetDefinition RequiresApproval(string environment, Func<string?> deployingTo, params string[] approvers);

    /// <summary>When this target fails, the build goes on with targets that do not depend on it.</summary>
    ITargetDefinition ProceedAfterFailure();

    /// <summary>Runs even after an earlier target failed, and on Ctrl-C or SIGTERM (clean-up, rollback).</summary>
    ITargetDefinition AssuredAfterFailure();

    /// <summary>Hidden from <c>--help</c>; still invocable.</summary>
    ITargetDefinition Unlisted();
}
