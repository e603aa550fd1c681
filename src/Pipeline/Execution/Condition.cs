namespace Shipgate.Pipeline.Execution;

/// <summary>A condition with its source text, so a skip reason can quote it.</summary>
internal sealed record Condition(Func<bool> Evaluate)
{
    public Condition(string expression, Func<bool> evaluate)
        : this(evaluate) => Expression = Readable(expression);

    public string Expression { get; } = "";

    /// <summary>The lambda's body: <c>() => HasDocs</c> reads as <c>HasDocs</c>.</summary>
    public static string Readable(string expression) =>
        expression.StartsWith("() =>", StringComparison.Ordinal) ? expression[5..].Trim() : expression;
}
