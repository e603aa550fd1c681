using Shipgate.DeployTargets.Routing;
using Shipgate.DeployTargets.Routing.Haproxy;

namespace Shipgate.DeployTargets.Tests.Routing;

/// <summary>Answers as HAProxy 2.6 writes them (captured from the Debian package).</summary>
public sealed class HaproxyRepliesTests
{
    private const string ServersState = """
        1
        # be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port
        4 svc 1 blue 127.0.0.1 2 0 100 100 3 15 3 4 6 0 0 0 - 18091 - 0 0 - - 0
        4 svc 2 green 127.0.0.1 2 8 50 50 2 15 3 4 6 0 0 0 - 18092 - 0 0 - - 0
        4 svc 3 red 127.0.0.1 0 1 10 10 2 15 3 4 6 0 0 0 - 18093 - 0 0 - - 0

        """;

    private const string Stats = """
        # pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight
        svc,blue,0,0,3,5,,100,0,0,,0,,0,0,0,0,UP,100
        svc,green,0,0,1,2,,40,0,0,,0,,0,0,0,0,DRAIN,0
        svc,BACKEND,0,0,4,7,,140,0,0,,0,,0,0,0,0,UP,100

        """;

    [Fact]
    public void The_backend_state_joins_servers_state_and_sessions()
    {
        var state = HaproxyReplies.ToBackendState("svc", ServersState, Stats);

        Assert.Equal(
            [
                new ServerState("blue", "127.0.0.1", 18091, 100, ServerHealth.Up, ServerAdminState.Ready, 3, 100),
                new ServerState("green", "127.0.0.1", 18092, 50, ServerHealth.Up, ServerAdminState.Draining, 1, 40),
                new ServerState("red", "127.0.0.1", 18093, 10, ServerHealth.Down, ServerAdminState.Maintenance, 0, 0),
            ],
            state.Servers);
        Assert.True(state.Servers[0].TakesTraffic);
        Assert.False(state.Servers[1].TakesTraffic);
    }

    [Fact]
    public void An_answer_that_is_not_the_table_is_not_read_as_an_empty_backend()
    {
        Assert.Throws<FormatException>(() => HaproxyReplies.ParseServersState("Can't find backend.\n"));
        Assert.Throws<FormatException>(() => HaproxyReplies.ParseServerStats("Unknown command.\n"));
        Assert.True(HaproxyReplies.IsNoSuchBackend("Can't find backend.\n"));
    }

    [Fact]
    public void Silent_commands_succeed_only_with_no_answer()
    {
        Assert.Null(HaproxyReplies.RefusalOfSilentCommand("\n\n"));
        Assert.Equal("No such server.", HaproxyReplies.RefusalOfSilentCommand("\nNo such server.\n\n"));
        Assert.Null(HaproxyReplies.RefusalUnless("New server registered.\n\n", HaproxyReplies.ServerAdded));
        Assert.Equal("(no answer)", HaproxyReplies.RefusalUnless("", HaproxyReplies.ServerDeleted));
    }

    [Theory]
    [InlineData("Unknown command. Please enter one of the following commands only :", true)]
    [InlineData("This command is restricted to experimental mode only.", true)]
    [InlineData("No such backend.", false)]
    public void An_haproxy_that_cannot_add_servers_at_runtime_is_recognised(string refusal, bool unsupported) =>
        Assert.Equal(unsupported, HaproxyReplies.IsRuntimeServersUnsupported(refusal));
}
