using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Pipeline.Secrets;

namespace Shipgate.Pipeline.Parameters;

/// <summary>
/// <c>.nuke/parameters.json</c> or <c>.nuke/parameters.PROFILE.json</c>: an object whose keys are
/// parameter names (member or kebab spelling) and whose values are strings, numbers, booleans or
/// arrays. Keys starting with <c>$</c> (<c>$schema</c>, <c>$secrets-salt</c>) are not parameters.
/// </summary>
public sealed class ParameterFile
{
    private static readonly JsonDocumentOptions ReadOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true };

    private ParameterFile(string path, JsonObject root)
    {
        Path = path;
        Root = root;
    }

    public string Path { get; }

    internal JsonObject Root { get; }

    /// <summary>The parameter keys as written, in file order.</summary>
    public IEnumerable<string> Keys => Root.Select(p => p.Key).Where(k => !k.StartsWith('$'));

    /// <summary>The per-file salt for encrypted values, or null when the file has none yet.</summary>
    public byte[]? Salt
    {
        get
        {
            if (Root[SecretEncryption.SaltKey] is not JsonValue value || !value.TryGetValue<string>(out var text))
                return null;
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw new ParameterException($"{Path}: '{SecretEncryption.SaltKey}' is not valid base64.");
            }
        }
    }

    public static string PathFor(string rootDirectory, string? profile) =>
        System.IO.Path.Combine(rootDirectory, ".nuke", profile is null ? "parameters.json" : $"parameters.{profile}.json");

    /// <summary>Reads a file; a syntax error is a <see cref="ParameterException"/> naming the file, line and column.</summary>
    public static ParameterFile Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            var node = JsonNode.Parse(stream, documentOptions: ReadOptions);
            return node is JsonObject root
                ? new ParameterFile(path, root)
                : throw new ParameterException($"{path}: the file must hold a JSON object of parameter names and values.");
        }
        catch (JsonException e)
        {
            throw new ParameterException(
                $"{path}({(e.LineNumber ?? 0) + 1},{(e.BytePositionInLine ?? 0) + 1}): not valid JSON: {FirstSentence(e.Message)}", e);
        }
    }

    /// <summary>An empty file model for <paramref name="path"/> (not written until <see cref="Save"/>).</summary>
    public static ParameterFile LoadOrCreate(string path) =>
        File.Exists(path) ? Load(path) : new ParameterFile(path, []);

    /// <summary>The key in this file that names <paramref name="parameter"/>, compared by letters and digits.</summary>
    public string? FindKey(string parameter)
    {
        var key = ParameterNames.Normalize(parameter);
        return Keys.FirstOrDefault(k => ParameterNames.Normalize(k) == key);
    }

    internal JsonNode? this[string key] => Root[key];

    internal void Set(string key, JsonNode? value) => Root[key] = value;

    public void Save()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, Root.ToJsonString(WriteOptions) + "\n");
        File.Move(temporary, Path, overwrite: true);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
