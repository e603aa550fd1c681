using System.Collections;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Shipgate.Core.Text;
using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Secrets;

namespace Shipgate.Pipeline.Parameters;

/// <summary>
/// Sets the <c>[Parameter]</c> members of a build object. For each parameter the first source that has
/// a value wins:
/// <list type="number">
/// <item>the command line (<c>--fault-error-rate 0.2</c>; a bool with no value is <c>true</c>);</item>
/// <item>the environment: the exact member or kebab name, then <c>SHIPGATE_</c> + the name, then the name
/// alone, both compared by lower-case letters and digits (<c>SHIPGATE_FAULT_ERROR_RATE</c>,
/// <c>FAULT_ERROR_RATE</c>). The prefixed form ranks first because it can only have been meant for
/// us. An empty variable counts as unset: CI systems export missing secrets as empty strings;</item>
/// <item>the <c>--profile</c> files <c>.nuke/parameters.NAME.json</c>, the last profile first;</item>
/// <item><c>.nuke/parameters.json</c>.</item>
/// </list>
/// A parameter no source mentions keeps the value the build class gave it.
/// </summary>
public sealed class ParameterInjector
{
    private const string EnvironmentPrefix = "shipgate";
    private const string ProfileOption = "profile";

    private readonly string _rootDirectory;
    private readonly ArgumentList _commandLine;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly Dictionary<string, byte[]> _keys = new(StringComparer.Ordinal);
    private string? _password;

    /// <param name="rootDirectory">The build's root; parameter files are under its <c>.nuke</c> folder, relative paths resolve against it.</param>
    /// <param name="commandLine">The parsed command line; <c>--profile</c> is read from it.</param>
    /// <param name="environment">The environment variables; null for this process's.</param>
    public ParameterInjector(string rootDirectory, ArgumentList commandLine, IReadOnlyDictionary<string, string>? environment = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        ArgumentNullException.ThrowIfNull(commandLine);
        _rootDirectory = Path.GetFullPath(rootDirectory);
        _commandLine = commandLine;
        _environment = environment ?? ProcessEnvironment();
        Profiles = commandLine.Values(ProfileOption) ?? [];
        if (commandLine.Has(ProfileOption) && Profiles.Count == 0)
            throw new ParameterException("--profile needs a name: --profile NAME reads .nuke/parameters.NAME.json.") { ParameterName = ProfileOption, ValueSource = "command line" };
    }

    /// <summary>Options the caller handles itself (<c>target</c>, <c>skip</c>, <c>help</c>…): not reported as unknown. <c>profile</c> always is known.</summary>
    public IEnumerable<string> BuiltInOptions { get; init; } = [];

    /// <summary>The password for encrypted values, asked for at most once and only when a needed value is encrypted; gets the file's path.</summary>
    public Func<string, string>? PasswordProvider { get; init; }

    /// <summary>The <c>--profile</c> names, in the order given.</summary>
    public IReadOnlyList<string> Profiles { get; }

    /// <summary>This process's environment variables as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    public InjectionResult Inject(object build) => Inject(build, ParameterDiscovery.Discover(build?.GetType() ?? throw new ArgumentNullException(nameof(build))));

    /// <summary>Sets <paramref name="parameters"/> on <paramref name="build"/>; a bad value is a <see cref="ParameterException"/>.</summary>
    public InjectionResult Inject(object build, IReadOnlyList<ParameterDescriptor> parameters)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(parameters);
        var files = LoadFiles();
        var warnings = new List<string>();
        var secrets = new List<string>();
        var sources = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var raw = FromCommandLine(parameter) ?? FromEnvironment(parameter) ?? FromFiles(parameter, files);
            if (raw is not null)
            {
                var value = ValueBinder.Bind(parameter, raw, _rootDirectory);
                parameter.SetValue(build, value);
                sources[parameter.Name] = raw.Source;
                if (raw.WasEncrypted)
                    secrets.AddRange(raw.Values);
                warnings.AddRange(SecretWarnings(parameter, raw));
            }

            if (parameter.IsSecret)
                secrets.AddRange(Texts(parameter.GetValue(build)));
        }

        warnings.AddRange(UnknownFileKeys(parameters, files));
        return new InjectionResult(secrets.Distinct(StringComparer.Ordinal).ToList(), UnknownOptions(parameters), warnings, sources);
    }

    private List<ParameterFile> LoadFiles()
    {
        // Highest precedence first: the last profile, …, the first profile, parameters.json.
        var files = new List<ParameterFile>();
        foreach (var profile in Profiles.Reverse())
        {
            if (profile.Length == 0 || profile.IndexOfAny(['/', '\\']) >= 0 || profile.StartsWith('.'))
                throw new ParameterException($"--profile '{profile}' is not a profile name (letters, digits, dashes).") { ParameterName = ProfileOption, ValueSource = "command line" };
            var path = ParameterFile.PathFor(_rootDirectory, profile);
            files.Add(File.Exists(path)
                ? ParameterFile.Load(path)
                : throw new ParameterException($"--profile {profile}: {path} does not exist.") { ParameterName = ProfileOption, ValueSource = "command line" });
        }

        var common = ParameterFile.PathFor(_rootDirectory, null);
        if (File.Exists(common))
            files.Add(ParameterFile.Load(common));
        return files;
    }

    private RawValue? FromCommandLine(ParameterDescriptor parameter) =>
        _commandLine.Values(parameter.Name) is { } values ? new RawValue("command line", values, IsList: true) : null;

    private RawValue? FromEnvironment(ParameterDescriptor parameter)
    {
        var exact = new[] { parameter.MemberName, parameter.Name }
            .FirstOrDefault(n => _environment.TryGetValue(n, out var v) && v.Length > 0);
        var name = exact
            ?? MatchingVariable(EnvironmentPrefix + parameter.Key)
            ?? MatchingVariable(parameter.Key);
        return name is null ? null : new RawValue($"environment variable {name}", [_environment[name]], IsList: false);
    }

    private string? MatchingVariable(string key) =>
        _environment
            .Where(e => e.Value.Length > 0 && ParameterNames.Normalize(e.Key) == key)
            .Select(e => e.Key)
            .Order(StringComparer.Ordinal)
            .FirstOrDefault();

    private RawValue? FromFiles(ParameterDescriptor parameter, List<ParameterFile> files)
    {
        foreach (var file in files)
        {
            var key = file.FindKey(parameter.Name) ?? file.FindKey(parameter.MemberName);
            if (key is null || file[key] is not { } node)
                continue;
            var isList = node is JsonArray;
            var elements = isList ? ((JsonArray)node).Select(e => e) : [node];
            var texts = new List<string>();
            var encrypted = false;
            foreach (var element in elements)
            {
                var text = ScalarText(element, file.Path, key);
                if (SecretEncryption.IsEncrypted(text))
                {
                    text = Decrypt(file, key, text);
                    encrypted = true;
                }

                texts.Add(text);
            }

            return new RawValue(file.Path, texts, isList, encrypted);
        }

        return null;
    }

    private static string ScalarText(JsonNode? node, string file, string key) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => throw new ParameterException($"{file}: '{key}' must be a string, number, boolean or an array of them.") { ParameterName = key, ValueSource = file },
    };

    private string Decrypt(ParameterFile file, string key, string encrypted)
    {
        var salt = file.Salt ?? throw new ParameterException(
            $"{file.Path}: '{key}' is encrypted but the file has no '{SecretEncryption.SaltKey}'; set it again with --secrets.")
        { ParameterName = key, ValueSource = file.Path };
        if (!_keys.TryGetValue(file.Path, out var aesKey))
        {
            _password ??= (PasswordProvider ?? (path => SecretsPassword.Get(_environment, path, SecretsPassword.TerminalPrompt)))(file.Path);
            aesKey = SecretEncryption.DeriveKey(_password, salt);
            _keys[file.Path] = aesKey;
        }

        try
        {
            return SecretEncryption.Decrypt(encrypted, aesKey, key);
        }
        catch (CryptographicException)
        {
            throw new ParameterException(
                $"{file.Path}: cannot decrypt '{key}': wrong password ({SecretEncryption.PasswordVariable}) or the value was altered.")
            { ParameterName = key, ValueSource = file.Path };
        }
    }

    private static IEnumerable<string> SecretWarnings(ParameterDescriptor parameter, RawValue raw)
    {
        if (!parameter.IsSecret)
            yield break;
        if (raw.Source == "command line")
        {
            yield return $"Secret parameter --{parameter.Name} was given on the command line, where the process list and shell history show it; " +
                $"prefer the environment variable or an encrypted parameter file (--secrets {parameter.Name}).";
        }
        else if (!raw.WasEncrypted && !raw.Source.StartsWith("environment", StringComparison.Ordinal))
        {
            yield return $"Secret parameter {parameter.Name} is stored in plain text in {raw.Source}; encrypt it with --secrets {parameter.Name}.";
        }
    }

    private IReadOnlyList<string> UnknownOptions(IReadOnlyList<ParameterDescriptor> parameters)
    {
        var known = parameters.Select(p => p.Key)
            .Concat(BuiltInOptions.Append(ProfileOption).Select(ParameterNames.Normalize))
            .ToHashSet(StringComparer.Ordinal);
        return _commandLine.OptionNames.Where(o => !known.Contains(ParameterNames.Normalize(o))).ToList();
    }

    private static IEnumerable<string> UnknownFileKeys(IReadOnlyList<ParameterDescriptor> parameters, List<ParameterFile> files)
    {
        var names = parameters.Select(p => p.Name).ToList();
        var known = parameters.SelectMany(p => new[] { p.Key, ParameterNames.Normalize(p.MemberName) }).ToHashSet(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var key in file.Keys.Where(k => !known.Contains(ParameterNames.Normalize(k))))
            {
                var closest = Suggestions.Closest(key, names);
                yield return $"{file.Path}: unknown parameter '{key}'" + (closest is null ? "." : $"; did you mean '{closest}'?");
            }
        }
    }

    private static IEnumerable<string> Texts(object? value) => value switch
    {
        null => [],
        string s => [s],
        IEnumerable items => items.Cast<object?>().SelectMany(Texts),
        _ => [value.ToString() ?? ""],
    };
}
