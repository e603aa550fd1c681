using Shipgate.Gates.Model;
using Shipgate.Gates.Specs;

namespace Shipgate.Gates.Yaml;

/// <summary>
/// A gates file, read: the inconclusive policy, the default window (gates without their own use the
/// release's window, which callers take from here unless told otherwise), and the gates in file order.
/// </summary>
public sealed record GatesDocument(string Source, InconclusivePolicy Policy, TimeSpan? Window, IReadOnlyList<GateSpec> Gates)
{
    /// <summary>The selector (a template) of a version's scrape targets, whose <c>up</c> series prove it is scraped.</summary>
    public string ScrapeSelector { get; init; } = Selectors.Release;
}
