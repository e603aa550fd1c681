namespace Shipgate.Gates.Providers;

/// <summary>An alert the backend reports as firing.</summary>
public sealed record FiringAlert(IReadOnlyDictionary<string, string> Labels, DateTimeOffset? ActiveAt)
{
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "(unnamed)";
}
