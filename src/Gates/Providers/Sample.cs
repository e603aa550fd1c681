namespace Shipgate.Gates.Providers;

/// <summary>One value at one time.</summary>
public sealed record Sample(DateTimeOffset Time, double Value);
