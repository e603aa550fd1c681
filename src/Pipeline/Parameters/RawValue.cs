namespace Shipgate.Pipeline.Parameters;

/// <summary>
/// A parameter's value as one source holds it, before conversion: command-line words, one environment
/// string, or a file's scalar or array.
/// </summary>
/// <param name="Source">For messages: <c>command line</c>, <c>environment variable X</c>, a file path.</param>
/// <param name="Values">The words; empty for a command-line flag.</param>
/// <param name="IsList">Already split into elements (command-line words, a JSON array); otherwise one string an array parameter splits.</param>
/// <param name="WasEncrypted">Decrypted from a parameter file: a secret whatever the parameter says.</param>
internal sealed record RawValue(string Source, IReadOnlyList<string> Values, bool IsList, bool WasEncrypted = false);
