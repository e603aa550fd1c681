namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// What Shipgate's own HAProxy serves: the service's port on the frontend address, one backend of health-checked
/// servers, the runtime API on a unix socket, and the Prometheus exporter on a loopback port (null: none).
/// </summary>
public sealed record HaproxyConfigSpec(
    string Backend,
    int FrontendPort,
    string RuntimeSocketPath,
    int? ExporterPort,
    IReadOnlyList<RoutedServer> Servers,
    HaproxyHealthCheck HealthCheck,
    string FrontendAddress = "127.0.0.1");
