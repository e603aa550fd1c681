namespace Shipgate.Gates.Providers.Prometheus;

/// <summary>Replaces credential values with *** in any text bound for a message, log or report.</summary>
internal sealed class CredentialMask(IReadOnlyList<string> secrets)
{
    public string Apply(string text) =>
        secrets.Aggregate(text, (current, secret) => current.Replace(secret, "***", StringComparison.Ordinal));
}
