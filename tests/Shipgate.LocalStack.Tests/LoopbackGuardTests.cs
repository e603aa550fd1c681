namespace Shipgate.LocalStack.Tests;

public sealed class LoopbackGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://127.3.4.5/")]
    [InlineData("http://localhost:9090/")]
    [InlineData("http://[::1]:9090/")]
    public void Loopback_addresses_pass(string uri) =>
        Assert.Equal(new Uri(uri), LoopbackGuard.Require(new Uri(uri), "target"));

    [Theory]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://192.168.1.1:8080/")]
    [InlineData("http://example.com/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("ftp://127.0.0.1/")]
    public void Anything_else_is_refused_naming_the_parameter(string uri)
    {
        var error = Assert.Throws<ArgumentException>(() => LoopbackGuard.Require(new Uri(uri), "target"));

        Assert.Equal("target", error.ParamName);
    }
}
