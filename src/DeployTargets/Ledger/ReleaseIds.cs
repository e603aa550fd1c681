using System.Globalization;
using System.Security.Cryptography;

namespace Shipgate.DeployTargets.Ledger;

/// <summary>Release ids sort by time and are safe in engine object names: 20261123T181500123-3fa9c2.</summary>
public static class ReleaseIds
{
    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
}
