using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Swarm;

namespace Shipgate.DeployTargets.Tests.Decisions;

/// <summary>Behind a router a Swarm release's tasks take a block of ports of their own, and each task is one server named after its release.</summary>
public sealed class RoutedSwarmSlotsTests
{
    [Fact]
    public void The_first_release_takes_the_ports_above_the_service_s_and_the_next_one_the_block_after()
    {
        Assert.Equal(18600, SwarmSlots.FreeBase(18600, 2, []));
        Assert.Equal([18601, 18602], SwarmSlots.Ports(18600, 2));
        Assert.Equal(18602, SwarmSlots.FreeBase(18600, 2, [18601, 18602]));
    }

    [Fact]
    public void Releases_of_different_replica_counts_never_share_a_port()
    {
        // A 1-task canary beside 3 stable tasks; then 3 tasks beside a 1-task release that took the first port.
        Assert.Equal(18623, SwarmSlots.FreeBase(18620, 1, [18621, 18622, 18623]));
        Assert.Equal([18622, 18623, 18624], SwarmSlots.Ports(SwarmSlots.FreeBase(18620, 3, [18621]), 3));
        // A gap too small for the block is skipped.
        Assert.Equal([18625, 18626, 18627], SwarmSlots.Ports(SwarmSlots.FreeBase(18620, 3, [18621, 18624]), 3));
    }

    [Fact]
    public void No_free_block_within_reach_is_refused_saying_so()
    {
        var refused = Assert.Throws<DeployTargetException>(() => SwarmSlots.FreeBase(18600, 4, Enumerable.Range(18601, 300)));
        Assert.Equal(DeployErrorKind.PortInUse, refused.Kind);
    }

    [Theory]
    [InlineData("20261123T181500123-3fa9c2", "20261123T181500123-3fa9c2")]
    [InlineData("20261123T181500123-3fa9c2.1", "20261123T181500123-3fa9c2")]
    [InlineData("20261123T181500123-3fa9c2.12", "20261123T181500123-3fa9c2")]
    [InlineData("20261123T181500123-3fa9c2.", null)]
    [InlineData("20261123T181500123-3fa9c2-1", null)]
    [InlineData("web1", null)]
    public void A_server_belongs_to_the_release_its_name_starts_with(string server, string? release) =>
        Assert.Equal(release, ReleaseServers.ReleaseOf(server));

    [Fact]
    public void One_instance_is_named_by_its_release_id_and_several_by_release_id_and_number()
    {
        Assert.Equal([("20261123T181500123-3fa9c2", 18201)], ReleaseServers.For("20261123T181500123-3fa9c2", [18201]));
        Assert.Equal([("20261123T181500123-3fa9c2.1", 18603), ("20261123T181500123-3fa9c2.2", 18604)], ReleaseServers.For("20261123T181500123-3fa9c2", [18603, 18604]));
    }
}
