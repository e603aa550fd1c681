using YamlDotNet.Serialization;

namespace Shipgate.Core.Yaml;

/// <summary>
/// Writes generated YAML (CI files, Prometheus configuration, alert rules) from plain ordered dictionaries and lists
/// through YamlDotNet, so quoting (<c>${{ }}</c>, <c>:</c>, <c>*</c>) is always right and keys keep insertion order.
/// A string that YAML 1.1 would read as a boolean or a number (<c>"true"</c>, <c>"on"</c>, a version <c>"1"</c>) is
/// quoted: older readers (GitLab, Prometheus label values) must see a string.
/// </summary>
public static class YamlWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .DisableAliases()
        .WithQuotingNecessaryStrings(quoteYaml1_1Strings: true)
        .WithIndentedSequences()
        .Build();

    /// <summary>The header lines as <c># comments</c> (an empty line as a bare <c>#</c>), a blank line, then the document.</summary>
    public static string Render(IEnumerable<string> headerComments, object document)
    {
        ArgumentNullException.ThrowIfNull(headerComments);
        ArgumentNullException.ThrowIfNull(document);
        return string.Concat(headerComments.Select(line => line.Length == 0 ? "#\n" : $"# {line}\n")) + "\n"
            + Serializer.Serialize(document).Replace("\r\n", "\n", StringComparison.Ordinal);
    }
}
