using Shipgate.Samples.ModelService;

namespace ModelService.Tests;

public class ListenAddressTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Without_PORT_the_usual_ASPNETCORE_URLS_decides() =>
        Assert.Null(ListenAddress.FromDeployTarget(Environment()));

    [Fact]
    public void PORT_alone_is_the_Docker_target_contract() =>
        Assert.Equal("http://127.0.0.1:8080", ListenAddress.FromDeployTarget(Environment(("PORT", "8080"))));

    [Fact]
    public void Swarm_replicas_on_one_node_listen_on_PORT_plus_their_slot() =>
        Assert.Equal("http://127.0.0.1:8083", ListenAddress.FromDeployTarget(Environment(("PORT", "8080"), ("SHIPGATE_TASK_SLOT", "3"))));

    [Theory]
    [InlineData("eighty", null)]
    [InlineData("65535", "2")]
    public void A_bad_port_or_slot_is_an_error_naming_it(string port, string? slot)
    {
        var variables = slot is null ? Environment(("PORT", port)) : Environment(("PORT", port), ("SHIPGATE_TASK_SLOT", slot));
        Assert.ThrowsAny<Exception>(() => ListenAddress.FromDeployTarget(variables));
    }
}
