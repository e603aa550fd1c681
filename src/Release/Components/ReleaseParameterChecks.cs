using Shipgate.Core.Yaml;
using Shipgate.Pipeline;
using Shipgate.Release.Decisions;
using Shipgate.Release.Flow;

namespace Shipgate.Release.Components;

/// <summary>
/// Every release target checks the release parameters before the first target runs: a bad value ends the build
/// with exit 2 naming the parameter, before the stack starts or anything is built (rules: <see cref="ParameterRules"/>).
/// </summary>
internal static class ReleaseParameterChecks
{
    public static ITargetDefinition Apply(IReleaseTargets build, ITargetDefinition definition) => definition
        .Requires(() => build.TargetEnvironment, _ => EnvironmentProblem(build))
        .Requires(() => build.ReleaseVersion, ParameterRules.Version)
        .Requires(() => build.ServicePortOverride, ParameterRules.Port)
        .Requires(() => build.ReplicasOverride, ParameterRules.Replicas)
        .Requires(() => build.StrategyOverride, ParameterRules.Strategy)
        .Requires(() => build.DockerHostOverride, ParameterRules.DockerHost)
        .Requires(() => build.PrometheusUrlOverride, ParameterRules.PrometheusUrl)
        .Requires(() => build.RegistryOverride, ParameterRules.Registry)
        .Requires(() => build.LoadRate, ParameterRules.LoadRate)
        .Requires(() => build.LoadDuration, ParameterRules.LoadDuration);

    // The environment must be one the environments file names, and the file must be valid (file:line:column).
    private static string? EnvironmentProblem(IReleaseTargets build)
    {
        try
        {
            _ = ReleaseFlow.For(build).Settings;
            return null;
        }
        catch (YamlFileException exception)
        {
            return exception.Message;
        }
    }
}
