using Shipgate.Core.Text;
namespace Shipgate.Pipeline.Parameters;

/// <summary>What <see cref="ParameterInjector.Inject(object)"/> did.</summary>
public sealed class InjectionResult
{
    internal InjectionResult(
        IReadOnlyList<string> secretValues,
        IReadOnlyList<string> unknownOptions,
        IReadOnlyList<string> warnings,
        IReadOnlyDictionary<string, string> sources)
    {
        SecretValues = secretValues;
        UnknownOptions = unknownOptions;
        Warnings = warnings;
        Sources = sources;
    }

    /// <summary>
    /// Values to register with the masker: every <c>[Secret]</c> parameter's value after injection
    /// (defaults included) and every value that was decrypted from a parameter file.
    /// </summary>
    public IReadOnlyList<string> SecretValues { get; }

    /// <summary>
    /// Command-line options that are neither a parameter nor a built-in, as the user wrote them without
    /// dashes. Report them with <see cref="Suggestions.Closest"/>.
    /// </summary>
    public IReadOnlyList<string> UnknownOptions { get; }

    /// <summary>Things worth a warning in the log: secrets on the command line or in plain text in a file, unknown keys in files.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Kebab name → where its value came from (<c>command line</c>, <c>environment variable X</c>, a file path), for parameters that were set.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }
}
