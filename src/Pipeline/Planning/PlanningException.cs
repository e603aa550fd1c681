namespace Shipgate.Pipeline.Planning;

/// <summary>The targets or the request cannot form a plan; the message names the offending targets.</summary>
public sealed class PlanningException(string message) : Exception(message);
