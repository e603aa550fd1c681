using Shipgate.Core.Secrets;

namespace Shipgate.Pipeline.Tests.Secrets;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Masks_every_occurrence()
    {
        var masker = new SecretMasker();
        masker.Register("s3cr3t-token");

        Assert.Equal("a **** b ****", masker.Mask("a s3cr3t-token b s3cr3t-token"));
    }

    [Fact]
    public void Longest_secret_is_masked_first()
    {
        var masker = new SecretMasker();
        masker.Register("abcd");
        masker.Register("abcdefgh");

        // Shortest first would leave "****efgh", revealing the tail of the longer secret.
        Assert.Equal("x **** y ****", masker.Mask("x abcdefgh y abcd"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("  ab  ")]
    public void Values_shorter_than_the_minimum_are_refused(string? value)
    {
        var masker = new SecretMasker();

        Assert.False(masker.Register(value));
        Assert.Equal(0, masker.Count);
        Assert.Equal("abc ab", masker.Mask("abc ab"));
    }

    [Fact]
    public void Multi_line_secret_is_masked_line_by_line_and_url_encoded()
    {
        var masker = new SecretMasker();
        masker.Register("-----BEGIN KEY-----\r\nMIIBOgIBAAJBAKj34\n-----END KEY-----");

        Assert.Equal("line: ****", masker.Mask("line: MIIBOgIBAAJBAKj34"));
        Assert.Equal("https://bot:****@registry", new SecretMasker().Mask("https://bot:****@registry"));

        var url = new SecretMasker();
        url.Register("p@ss/word");
        Assert.Equal("https://bot:****@registry", url.Mask("https://bot:p%40ss%2Fword@registry"));
    }

    [Fact]
    public void RegisterAll_returns_the_values_it_cannot_mask()
    {
        var masker = new SecretMasker();

        Assert.Equal(["ab"], masker.RegisterAll(["long-enough", "ab"]));
        Assert.True(masker.Reveals("x long-enough"));
    }

    [Fact]
    public void Registering_while_masking_from_other_threads_is_safe()
    {
        var masker = new SecretMasker();
        var secrets = Enumerable.Range(0, 200).Select(i => $"secret-value-{i:D4}").ToArray();

        Parallel.Invoke(
            () => Parallel.ForEach(secrets, s => masker.Register(s)),
            () => Parallel.For(0, 2000, i => masker.Mask($"text secret-value-{i % 200:D4} text")));

        Assert.All(secrets, s => Assert.Equal("text **** text", masker.Mask($"text {s} text")));
    }
}
