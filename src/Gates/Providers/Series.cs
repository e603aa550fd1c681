namespace Shipgate.Gates.Providers;

/// <summary>One series: its labels and its samples (one for an instant vector, many for a range).</summary>
public sealed record Series(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<Sample> Samples);
