using System.Linq.Expressions;
using Shipgate.Core.Secrets;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline;

/// <summary>
/// What a build offers its components, as <c>INukeBuild</c> does in Nuke. A component is an interface that
/// extends this one and declares targets and parameters with default implementations; a build class gets
/// them by implementing it:
/// <code>
/// public interface IReleaseTargets : IShipgateBuild
/// {
///     [Parameter("Version of the release")] string? ReleaseVersion => TryGetValue(() => ReleaseVersion);
///     Target Image => _ => _.Requires(() => ReleaseVersion).Executes(() => ...);
/// }
/// class Build : ShipgateBuild, IReleaseTargets { ... }
/// </code>
/// <see cref="ShipgateBuild"/> implements it.
/// </summary>
public interface IShipgateBuild
{
    /// <summary>The repository root: <c>--root</c>, or the nearest directory above the working directory with a <c>.nuke</c> folder.</summary>
    string RootDirectory { get; }

    /// <summary>Where the build runs; CI hosts group logs and publish summaries their own way.</summary>
    IBuildHost Host { get; }

    /// <summary>Runs tools with argument arrays, their output in the log, secrets masked.</summary>
    ProcessRunner Tools { get; }

    /// <summary>
    /// The values that the log, reports, error messages and child processes never see: the secret parameters, plus
    /// any the build finds at run time (a password read from a variable an environments file names) — register them.
    /// </summary>
    SecretMasker Secrets { get; }

    /// <summary>The approvals given for this run (who, how, when).</summary>
    IReadOnlyList<Approvals.Approval> Approvals { get; }

    /// <summary>The targets named on the command line (or the default target), as declared.</summary>
    IReadOnlyList<string> InvokedTargets { get; }

    /// <summary>Every target this run will execute unless an earlier one fails (the plan without its skipped steps), in order.</summary>
    IReadOnlyList<string> ScheduledTargets { get; }

    /// <summary>True on a developer's terminal, false on a CI server.</summary>
    bool IsLocalBuild { get; }

    /// <summary>
    /// The value a source (command line, environment, profile or parameters file) gave the <c>[Parameter]</c>
    /// member that <paramref name="parameter"/> names, or <c>default(T)</c> when none did. This is how a parameter
    /// declared on an interface, which has no field to hold it, reads its value:
    /// <c>[Parameter("Environment")] string TargetEnvironment => TryGetValue(() => TargetEnvironment) ?? "local";</c>.
    /// For a value type ask for its nullable (<c>TryGetValue&lt;int?&gt;(() => Port) ?? 8080</c>) to tell "not given" from 0.
    /// </summary>
    T? TryGetValue<T>(Expression<Func<T>> parameter);
}
