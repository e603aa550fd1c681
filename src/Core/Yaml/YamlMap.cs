using System.Globalization;
using Shipgate.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Shipgate.Core.Yaml;

/// <summary>
/// Reads one YAML mapping with positions: every error names file, line and column, and a key that no
/// reader asked for is reported as unknown, with the closest known key suggested.
/// </summary>
public sealed class YamlMap
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _asked = new(StringComparer.Ordinal);
    private readonly List<string> _missing = [];

    public YamlMap(string file, YamlNode node, string what)
    {
        File = file;
        What = what;
        if (node is not YamlMappingNode mapping)
            throw Error(node, $"{what} must be a mapping of keys to values");
        Node = mapping;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar)
                throw Error(key, $"keys in {what} must be plain words");
            if (!_entries.TryAdd(name, (scalar, value)))
                throw Error(key, $"duplicate key '{name}' in {what}");
        }
    }

    public string File { get; }

    public string What { get; }

    public YamlMappingNode Node { get; }

    public YamlFileException Error(YamlNode node, string problem) => Error(node.Start, problem);

    public YamlFileException Error(Mark mark, string problem) => new(File, mark.Line, mark.Column, problem);

    public bool Has(string key)
    {
        _asked.Add(key);
        return _entries.ContainsKey(key);
    }

    public YamlNode? Optional(string key) => Has(key) ? _entries[key].Value : null;

    /// <summary>
    /// A key that must be present. When it is absent the problem is remembered and a placeholder returned,
    /// so that every key is asked first and an unknown key (often a misspelt required one) is reported
    /// before the missing one; call <see cref="ThrowIfMissing"/> after <see cref="RejectUnknownKeys"/>.
    /// </summary>
    public YamlNode Required(string key)
    {
        if (Optional(key) is { } node)
            return node;
        _missing.Add(key);
        return new YamlScalarNode("0");
    }

    public void ThrowIfMissing()
    {
        if (_missing.Count > 0)
            throw Error(Node, $"{What} needs '{_missing[0]}'");
    }

    public string? String(string key) => Optional(key) is { } node ? Scalar(node, key) : null;

    public string RequiredString(string key) => Scalar(Required(key), key);

    public double? Number(string key) => Optional(key) is { } node ? ParseNumber(node, key) : null;

    public double RequiredNumber(string key) => ParseNumber(Required(key), key);

    public int? Integer(string key)
    {
        if (Optional(key) is not { } node)
            return null;
        return int.TryParse(Scalar(node, key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, $"'{key}' must be a whole number, not '{Scalar(node, key)}'");
    }

    public bool? Bool(string key)
    {
        if (Optional(key) is not { } node)
            return null;
        return Scalar(node, key) switch
        {
            "true" => true,
            "false" => false,
            var other => throw Error(node, $"'{key}' must be true or false, not '{other}'"),
        };
    }

    public TimeSpan? Duration(string key)
    {
        if (Optional(key) is not { } node)
            return null;
        var text = Scalar(node, key);
        return PromDuration.TryParse(text, out var value)
            ? value
            : throw Error(node, $"'{key}' must be a duration such as 500ms, 10s, 2m or 1h30m, not '{text}'");
    }

    public T? Choice<T>(string key, IReadOnlyDictionary<string, T> choices)
        where T : struct
    {
        if (Optional(key) is not { } node)
            return null;
        var text = Scalar(node, key);
        return choices.TryGetValue(text, out var value)
            ? value
            : throw Error(node, $"'{key}' must be one of {string.Join(", ", choices.Keys)}, not '{text}'");
    }

    public IReadOnlyDictionary<string, string>? StringMap(string key)
    {
        if (Optional(key) is not { } node)
            return null;
        var map = new YamlMap(File, node, $"'{key}'");
        return map._entries.ToDictionary(e => e.Key, e => map.Scalar(e.Value.Value, e.Key), StringComparer.Ordinal);
    }

    /// <summary>Throws for the first key that no reader asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (var (name, (key, _)) in _entries)
        {
            if (_asked.Contains(name))
                continue;
            var closest = Suggestions.Closest(name, _asked.Order(StringComparer.Ordinal));
            var hint = closest is not null ? $"; did you mean '{closest}'?" : "";
            throw Error(key, $"unknown key '{name}' in {What}{hint} (known: {string.Join(", ", _asked.Order(StringComparer.Ordinal))})");
        }
    }

    /// <summary>The text of a single-value node; a list or mapping is an error naming the key.</summary>
    public string Scalar(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"'{key}' must be a single value");

    private double ParseNumber(YamlNode node, string key)
    {
        var text = Scalar(node, key);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw Error(node, $"'{key}' must be a finite number, not '{text}'");
    }
}
