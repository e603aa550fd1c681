namespace Shipgate.Pipeline.CI;

/// <summary>A CI declaration that cannot be generated: the message names the pipeline, stage or target.</summary>
public sealed class CiDeclarationException(string message) : Exception(message);
