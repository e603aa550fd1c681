using System.Linq.Expressions;
using Shipgate.Core.Secrets;
using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Parameters;
using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline;

/// <summary>
/// The base class of a build program, as NukeBuild is in Nuke:
/// <code>
/// class Build : ShipgateBuild
/// {
///     public static int Main() => Execute&lt;Build&gt;(x => x.Test);
///     [Parameter("Configuration to build")] readonly string Configuration = "Debug";
///     Target Test => _ => _.Executes(() => ...);
/// }
/// </code>
/// </summary>
public abstract class ShipgateBuild : IShipgateBuild
{
    /// <summary>The repository root: <c>--root</c>, or the nearest directory above the working directory with a <c>.nuke</c> folder.</summary>
    public string RootDirectory { get; internal set; } = Directory.GetCurrentDirectory();

    /// <summary>Where the build runs; CI hosts group logs and publish summaries their own way.</summary>
    public IBuildHost Host { get; internal set; } = new TerminalHost();

    /// <summary>The approvals given for this run (who, how, when), for the release ledger and the report.</summary>
    public IReadOnlyList<Approvals.Approval> Approvals { get; internal set; } = [];

    /// <summary>The targets named on the command line (or the default target), as declared.</summary>
    public IReadOnlyList<string> InvokedTargets { get; internal set; } = [];

    /// <summary>Every target this run will execute unless an earlier one fails (the plan without its skipped steps), in order.</summary>
    public IReadOnlyList<string> ScheduledTargets { get; internal set; } = [];

    /// <summary>Runs tools (dotnet, npm, git...) with argument arrays, their output in the log, secrets masked.</summary>
    public ProcessRunner Tools { get; internal set; } = null!;

    /// <summary>The values that the log, reports, error messages and child processes never see; register those found at run time.</summary>
    public SecretMasker Secrets { get; internal set; } = new();

    /// <summary>True on a developer's terminal, false on a CI server.</summary>
    public bool IsLocalBuild => Host is TerminalHost;

    /// <summary>What the injector gave each parameter; interface parameters read theirs from here.</summary>
    internal InjectedValues InjectedValues { get; } = new();

    /// <inheritdoc/>
    public T? TryGetValue<T>(Expression<Func<T>> parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        var member = ParameterExpressions.MemberOf(parameter)
            ?? throw new ArgumentException($"TryGetValue needs the parameter itself, such as () => ReleaseVersion, not '{parameter.Body}'.", nameof(parameter));
        if (!InjectedValues.TryGet(member, out var value) || value is null)
            return default;
        return value is T typed
            ? typed
            : throw new InvalidCastException($"Parameter {member.DeclaringType?.Name}.{member.Name} holds a {value.GetType().Name}, which is not a {typeof(T).Name}.");
    }

    /// <summary>Runs the build with the process's command line; returns the exit code.</summary>
    protected static int Execute<T>(Expression<Func<T, Target>> defaultTarget)
        where T : ShipgateBuild, new() =>
        Execute(defaultTarget, Environment.GetCommandLineArgs()[1..]);

    /// <summary>Runs the build with the given arguments; returns the exit code (0 success, 1 failure, 2 bad invocation, 130 interrupted).</summary>
    protected static int Execute<T>(Expression<Func<T, Target>> defaultTarget, string[] args)
        where T : ShipgateBuild, new()
    {
        ArgumentNullException.ThrowIfNull(defaultTarget);
        var name = defaultTarget.Body is MemberExpression member ? member.Member.Name : null;
        return new BuildRunner(new T(), name, args, BuildEnvironment.FromProcess()).RunAsync().GetAwaiter().GetResult();
    }
}
