using System.Text.RegularExpressions;

namespace Shipgate.DeployTargets.Routing.Haproxy;

/// <summary>
/// Pure: what may go into a command or the configuration. HAProxy's runtime API splits commands on ';' and lines on
/// newlines, so a name is limited to HAProxy's identifier characters and nothing a caller passes can add a command.
/// </summary>
public static partial class HaproxyNames
{
    public const int MaxWeight = 256;

    public static void RequireName(string name, string what)
    {
        if (!IdentifierPattern().IsMatch(name))
            throw Invalid($"{what} name '{Printable(name)}': use letters, digits, '-', '_', '.' or ':' (at most 64)");
    }

    public static void RequireHost(string host)
    {
        if (!HostPattern().IsMatch(host))
            throw Invalid($"host '{Printable(host)}': an IPv4 address or a host name");
    }

    public static void RequirePort(int port)
    {
        if (port is < 1 or > 65535)
            throw Invalid($"port {port}: between 1 and 65535");
    }

    public static void RequireWeight(int weight)
    {
        if (weight is < 0 or > MaxWeight)
            throw Invalid($"weight {weight}: HAProxy takes 0 to {MaxWeight}");
    }

    public static void RequirePath(string path, string what)
    {
        if (path.Length == 0 || path.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is ';' or '#' or '{' or '}'))
            throw Invalid($"{what} '{Printable(path)}': no spaces, control characters, ';', '#' or braces");
    }

    private static TrafficRouterException Invalid(string message) => new(RouterErrorKind.InvalidArgument, message);

    private static string Printable(string value) =>
        new(value.Select(c => char.IsControl(c) ? '?' : c).Take(80).ToArray());

    [GeneratedRegex("^[A-Za-z0-9_.:-]{1,64}$")]
    private static partial Regex IdentifierPattern();

    [GeneratedRegex("^[A-Za-z0-9.-]{1,253}$")]
    private static partial Regex HostPattern();
}
