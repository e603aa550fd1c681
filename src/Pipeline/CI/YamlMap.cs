namespace Shipgate.Pipeline.CI;

/// <summary>
/// An insertion-ordered YAML mapping that skips null values, so optional keys read naturally; the generators build
/// their files from these and write them with <see cref="Core.Yaml.YamlWriter"/>.
/// </summary>
internal sealed class YamlMap : Dictionary<string, object>
{
    public YamlMap Set(string key, object? value)
    {
        if (value is not null && value is not System.Collections.ICollection { Count: 0 })
            this[key] = value;
        return this;
    }
}
