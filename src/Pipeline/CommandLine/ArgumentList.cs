namespace Shipgate.Pipeline.CommandLine;

/// <summary>
/// The command line split into positional words and options, Nuke style:
/// <c>Deploy Verify --environment prod --skip Test Lint --approve --x=1</c>.
/// Option names are compared by <see cref="Normalize"/>: case and dashes do not matter.
/// An option followed by no value is a flag (present, no values).
/// </summary>
public sealed class ArgumentList
{
    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _spelling = new(StringComparer.Ordinal);

    private ArgumentList(IReadOnlyList<string> positional) => Positional = positional;

    /// <summary>Words before the first option: the invoked targets.</summary>
    public IReadOnlyList<string> Positional { get; }

    /// <summary>Option names as the user wrote them (without leading dashes).</summary>
    public IEnumerable<string> OptionNames => _spelling.Values;

    public static ArgumentList Parse(IEnumerable<string> args)
    {
        var positional = new List<string>();
        List<string>? current = null;
        ArgumentList? list = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                list ??= new ArgumentList(positional);
                var body = arg[2..];
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? body : body[..eq];
                current = list.Add(name);
                if (eq >= 0)
                    current.Add(body[(eq + 1)..]);
            }
            else if (current is null)
            {
                positional.Add(arg);
            }
            else
            {
                current.Add(arg);
            }
        }

        return list ?? new ArgumentList(positional);
    }

    /// <summary>Lower-case letters and digits only: <c>--Fault-Error-Rate</c> and <c>FAULT_ERROR_RATE</c> both become <c>faulterrorrate</c>.</summary>
    public static string Normalize(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant));

    public bool Has(string name) => _options.ContainsKey(Normalize(name));

    /// <summary>The values given for an option, or null when the option is absent.</summary>
    public IReadOnlyList<string>? Values(string name) =>
        _options.TryGetValue(Normalize(name), out var values) ? values : null;

    private List<string> Add(string name)
    {
        var key = Normalize(name);
        if (!_options.TryGetValue(key, out var values))
        {
            values = [];
            _options[key] = values;
            _spelling[key] = name;
        }

        return values;
    }
}
