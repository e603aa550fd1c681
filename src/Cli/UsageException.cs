namespace Shipgate.Cli;

/// <summary>The command line cannot be acted on; the message says which option and why.</summary>
public sealed class UsageException(string message) : Exception(message);
