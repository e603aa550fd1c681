using YamlDotNet.Serialization;

namespace Shipgate.Pipeline.CI;

/// <summary>
/// Renders the generators' ordered maps as YAML through YamlDotNet, so quoting (<c>${{ }}</c>, <c>:</c>, <c>*</c>)
/// is always right; keys keep insertion order.
/// </summary>
internal static class YamlText
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .DisableAliases()
        // A string YAML 1.1 would read as a boolean or number ("true", "on", "1") is quoted: older GitLab rejects a non-string variable.
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithIndentedSequences()
        .Build();

    public static string Render(IEnumerable<string> headerComments, object document) =>
        string.Concat(headerComments.Select(line => line.Length == 0 ? "#\n" : $"# {line}\n")) + "\n" + Serializer.Serialize(document).Replace("\r\n", "\n", StringComparison.Ordinal);
}

/// <summary>An insertion-ordered YAML mapping that skips null values, so optional keys read naturally.</summary>
internal sealed class YamlMap : Dictionary<string, object>
{
    public YamlMap Set(string key, object? value)
    {
        if (value is not null && value is not System.Collections.ICollection { Count: 0 })
            this[key] = value;
        return this;
    }
}
