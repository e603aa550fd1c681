using System.Globalization;

namespace Shipgate.Release.Flow;

/// <summary>
/// One release run per checkout at a time. Two runs from one checkout share <c>artifacts/image/image.json</c> and the
/// image context: one would deploy the other's image. The engine's lease only meets them at Deploy, after both built;
/// this lock meets them at their first release target. It is an exclusive lock on <c>.nuke/temp/release.lock</c>
/// (flock on Linux) that the operating system frees when the process ends, however it ends (a SIGKILL included), so a
/// killed run never leaves it stuck. Held until the process exits; a second build in the same process reuses it.
/// </summary>
public static class CheckoutLock
{
    private static readonly Dictionary<string, FileStream> Held = new(StringComparer.Ordinal);

    /// <summary>Takes the checkout's lock for this process, or throws naming the run that holds it.</summary>
    public static void Acquire(string root, string target)
    {
        var path = Path.Combine(root, ".nuke", "temp", "release.lock");
        var owner = path + ".owner";
        lock (Held)
        {
            if (Held.ContainsKey(path))
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                Held[path] = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                var holder = File.Exists(owner) ? File.ReadAllText(owner).Trim() : "another process";
                throw new InvalidOperationException(
                    $"Another release run from this checkout is in progress ({holder}); it holds {path}. Wait for it to end, or stop it: two runs would share artifacts/image/image.json and deploy each other's image.");
            }

            File.WriteAllText(owner, string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId}, {target}, since {DateTimeOffset.UtcNow:u}"));
        }
    }
}
