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
}
