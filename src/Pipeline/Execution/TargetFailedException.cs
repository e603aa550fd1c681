namespace Shipgate.Pipeline.Execution;

/// <summary>
/// A target's expected failure whose message says all there is to say (a release rolled back by its gates, a check
/// that found problems): the log shows the message, not a stack trace that would only point into the build's own code.
/// Derive from it for such a failure that carries its own data (the release pre-flight's problems).
/// </summary>
public class TargetFailedException(string message) : Exception(message);
