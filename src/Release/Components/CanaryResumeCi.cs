using Shipgate.Release.Environments;

namespace Shipgate.Release.Components;

/// <summary>
/// Which environments get a CI job that lets a held canary go on (ResumeCanary, then Verify): those whose canary steps
/// hold until a release manager approves (<c>pause: {}</c>). The job needs no gate of its own: ResumeCanary requires
/// the environment's approval, which the CI generators map to each system's mechanism as for the production deploy.
/// </summary>
public static class CanaryResumeCi
{
    public static bool HoldsCanary(string environmentsFile, string environment) =>
        File.Exists(environmentsFile) && EnvironmentsFile.CanaryApprovers(environmentsFile).ContainsKey(environment);
}
