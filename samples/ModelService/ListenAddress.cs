using System.Globalization;

namespace Shipgate.Samples.ModelService;

/// <summary>
/// Where the service listens. Shipgate's deploy targets pass <c>PORT</c>, and on Swarm also the task's
/// <c>SHIPGATE_TASK_SLOT</c>: replicas on one node share the host network, so each listens on PORT + slot.
/// Without PORT, <c>ASPNETCORE_URLS</c> (or <c>--urls</c>) decides as usual.
/// </summary>
public static class ListenAddress
{
    /// <summary>The address from PORT and the slot, or null when PORT is not set.</summary>
    public static string? FromDeployTarget(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("PORT") is not { Length: > 0 } portText)
            return null;
        var slot = environment("SHIPGATE_TASK_SLOT") is { Length: > 0 } slotText ? Parse(slotText, "SHIPGATE_TASK_SLOT") : 0;
        var port = Parse(portText, "PORT") + slot;
        return port is > 0 and <= 65535
            ? $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"
            : throw new ArgumentOutOfRangeException(nameof(environment), $"PORT {portText} + slot {slot} is not a TCP port.");
    }

    private static int Parse(string text, string name) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{name}='{text}' is not a whole number.");
}
