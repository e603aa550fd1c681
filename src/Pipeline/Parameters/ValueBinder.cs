using Shipgate.Core.Secrets;

namespace Shipgate.Pipeline.Parameters;

/// <summary>Turns a <see cref="RawValue"/> into the value of a parameter member: one value, a flag, or an array.</summary>
internal static class ValueBinder
{
    private static readonly char[] Whitespace = [' ', '\t', '\n', '\r'];

    public static object? Bind(ParameterDescriptor parameter, RawValue raw, string rootDirectory)
    {
        if (parameter.IsArray)
        {
            var words = Split(parameter, raw);
            var array = Array.CreateInstance(parameter.ElementType, words.Count);
            for (var i = 0; i < words.Count; i++)
                array.SetValue(ConvertOne(parameter, raw, words[i], rootDirectory), i);
            return array;
        }

        return raw.Values.Count switch
        {
            0 when parameter.IsFlag => true,
            0 => throw Error(parameter, raw, null, $"needs a value ({ValueConverter.Describe(parameter.ValueType)})"),
            1 => ConvertOne(parameter, raw, raw.Values[0], rootDirectory),
            _ => throw Error(parameter, raw, string.Join(' ', raw.Values), $"takes one value, not {raw.Values.Count}"),
        };
    }

    private static List<string> Split(ParameterDescriptor parameter, RawValue raw)
    {
        IEnumerable<string> words = raw.IsList
            ? raw.Values.SelectMany(v => parameter.Separator is null ? [v] : v.Split(parameter.Separator))
            : raw.Values.SelectMany(v => parameter.Separator is null ? v.Split(Whitespace) : v.Split(parameter.Separator));
        return words.Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
    }

    private static object? ConvertOne(ParameterDescriptor parameter, RawValue raw, string text, string rootDirectory)
    {
        var value = ValueConverter.Convert(text, parameter.ValueType, rootDirectory, out var expected);
        return value ?? throw Error(parameter, raw, text, $"expected {expected}");
    }

    private static ParameterException Error(ParameterDescriptor parameter, RawValue raw, string? value, string problem)
    {
        var shown = value is null ? "" : $" value '{(parameter.IsSecret || raw.WasEncrypted ? SecretMasker.Replacement : value)}'";
        return new ParameterException($"Parameter '{parameter.Name}' from {raw.Source}:{shown} is not valid: {problem}.")
        {
            ParameterName = parameter.Name,
            ValueSource = raw.Source,
        };
    }
}
