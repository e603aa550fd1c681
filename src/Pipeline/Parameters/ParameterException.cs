namespace Shipgate.Pipeline.Parameters;

/// <summary>
/// A parameter is declared wrongly or was given a value it cannot take. The message names the parameter,
/// where the value came from and the value itself (<c>****</c> for secrets).
/// </summary>
public sealed class ParameterException : Exception
{
    public ParameterException(string message)
        : base(message)
    {
    }

    public ParameterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ParameterException()
    {
    }

    /// <summary>The kebab-case parameter name, when the error is about one parameter's value.</summary>
    public string? ParameterName { get; init; }

    /// <summary>Where the bad value came from: <c>command line</c>, <c>environment variable X</c>, a file path.</summary>
    public string? ValueSource { get; init; }
}
