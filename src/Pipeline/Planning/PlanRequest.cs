namespace Shipgate.Pipeline.Planning;

/// <summary>What the user asked for on the command line.</summary>
/// <param name="Invoked">Target names as typed (any case, dashes allowed); empty means the default target.</param>
/// <param name="DefaultTarget">The build's default target.</param>
/// <param name="SkipAllNonInvoked"><c>--skip</c> with no names.</param>
/// <param name="Skip"><c>--skip X Y</c>.</param>
public sealed record PlanRequest(
    IReadOnlyList<string> Invoked,
    string? DefaultTarget,
    bool SkipAllNonInvoked = false,
    IReadOnlyList<string>? Skip = null);
