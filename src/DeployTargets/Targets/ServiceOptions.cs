namespace Shipgate.DeployTargets.Targets;

/// <summary>The checks every platform's options share: names, port, resources. Each platform adds its own after.</summary>
internal static class ServiceOptions
{
    /// <param name="target">the target as messages name it (e.g. "Docker target svc/env")</param>
    /// <param name="service">the service name</param>
    /// <param name="environment">the environment name</param>
    /// <param name="port">the port the service listens on</param>
    /// <param name="resources">CPU and memory limits</param>
    public static void Validate(string target, string service, string environment, int port, ResourceLimits resources)
    {
        ServiceNames.Validate(service, "Service");
        ServiceNames.Validate(environment, "Environment");
        if (port is < 1 or > 65535)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: Port = {port} is out of range 1-65535.");
        resources.Validate(target);
    }

    public static void RequirePositive(string target, string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
            throw new DeployTargetException(DeployErrorKind.InvalidOptions, $"{target}: {name} must be positive.");
    }
}
