namespace Shipgate.DeployTargets.Routing;

/// <summary>One instance the router sends traffic to: a name unique in its backend, where it listens, its weight.</summary>
public sealed record RoutedServer(string Name, string Host, int Port, int Weight);
