using Shipgate.Core.Yaml;
using Shipgate.Pipeline;
using Shipgate.Release.Environments;

namespace Shipgate.Release.Components;

/// <summary>
/// Deploy's approvals come from the environments file: every environment that names approvers needs one of them
/// (GitHub environment reviewers, a GitLab manual job, a Jenkins input, locally a prompt or --approve). ResumeCanary's
/// come from the environments whose canary holds until approved (<c>pause: {}</c>), through the same mechanism.
/// </summary>
internal static class ReleaseApprovals
{
    public static ITargetDefinition Apply(IReleaseTargets build, ITargetDefinition definition) => Apply(build, definition, EnvironmentsFile.Approvers);

    /// <summary>
    /// ResumeCanary's approvals: every environment whose canary steps hold until approved needs one (of its approvers
    /// when it names any), through the same mechanism as Deploy's.
    /// </summary>
    public static ITargetDefinition ApplyToResume(IReleaseTargets build, ITargetDefinition definition) => Apply(build, definition, EnvironmentsFile.CanaryApprovers);

    private static ITargetDefinition Apply(IReleaseTargets build, ITargetDefinition definition, Func<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> read)
    {
        definition = definition.Requires(() => build.EnvironmentsFileOverride, given => UnrequiredApproval(build, given, read));
        var path = Path.GetFullPath(build.Service.EnvironmentsFile, build.RootDirectory);
        if (!File.Exists(path))
            return definition;
        IReadOnlyDictionary<string, IReadOnlyList<string>> approvers;
        try
        {
            approvers = read(path);
        }
        catch (YamlFileException)
        {
            // Reported with its position when the environment is resolved; the targets must still be listable.
            return definition;
        }

        foreach (var (environment, names) in approvers)
            definition = definition.RequiresApproval(environment, () => build.TargetEnvironment, [.. names]);
        return definition;
    }

    /// <summary>
    /// The approvals are required from the service's environments file, read when the targets are defined (before the
    /// command line): an environment that needs one in a file given with --environments-file, and not in the service's,
    /// would run unapproved. Refused before any target runs; null when the given file asks for nothing more.
    /// </summary>
    private static string? UnrequiredApproval(IReleaseTargets build, string? given, Func<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> read)
    {
        if (given is null)
            return null;
        var service = Path.GetFullPath(build.Service.EnvironmentsFile, build.RootDirectory);
        var path = Path.GetFullPath(given, build.RootDirectory);
        try
        {
            bool Needs(string file) => File.Exists(file) && read(file).ContainsKey(build.TargetEnvironment);
            return path != service && Needs(path) && !Needs(service)
                ? $"environment '{build.TargetEnvironment}' in {given} needs a release manager's approval, which is asked for from the service's environments file ({build.Service.EnvironmentsFile}) only: name its approvers (or its canary's 'pause: {{}}') there"
                : null;
        }
        catch (YamlFileException)
        {
            // Reported with its position when the environment is resolved.
            return null;
        }
    }
}
