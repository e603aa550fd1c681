namespace Shipgate.Gates.Tests.Integration;

/// <summary>One real Prometheus stack for every class that needs it (they share ports, so they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PrometheusCollection : ICollectionFixture<PrometheusStackFixture>
{
    public const string Name = "Prometheus";
}
