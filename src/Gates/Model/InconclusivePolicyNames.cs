namespace Shipgate.Gates.Model;

/// <summary>
/// The names an inconclusive policy has in files and on command lines (<c>rollback</c>, <c>pause</c>): one table for
/// the gates file, the environments file and <c>shipgate verify --inconclusive-policy</c>.
/// </summary>
public static class InconclusivePolicyNames
{
    public static IReadOnlyDictionary<string, InconclusivePolicy> ByName { get; } = new Dictionary<string, InconclusivePolicy>(StringComparer.Ordinal)
    {
        ["rollback"] = InconclusivePolicy.Rollback,
        ["pause"] = InconclusivePolicy.Pause,
    };
}
