using System.Diagnostics;
using System.Globalization;

namespace Shipgate.DeployTargets.Locking;

/// <summary>Liveness of local processes: /proc start ticks on Linux (zombies count as gone), Process.StartTime elsewhere.</summary>
public static class ProcessProbe
{
    public static string HostIdentity => Environment.MachineName;

    public static string? StartOf(int pid)
    {
        var stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        if (OperatingSystem.IsLinux())
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
            // Fields after the parenthesised command: state is field 3, start time field 22.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] is "Z" or "X" ? null : fields[19];
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
