using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Yaml;

/// <summary>A gates file, read: the inconclusive policy, the default window, and the gates in file order.</summary>
public sealed record GatesDocument(string Source, InconclusivePolicy Policy, TimeSpan? Window, IReadOnlyList<GateSpec> Gates);
