using System.Diagnostics;

namespace Shipgate.DeployTargets.DockerHost;

/// <summary>
/// I/O: keeps a direct replacement from leaving nothing serving when the deploying process dies mid-switch. Without a
/// router the previous container must stop before the new one can take the port; a process SIGKILLed between the two
/// (or before the new one is healthy) used to leave the port dead until someone ran a command. While armed, a small
/// detached process (its own session, so a kill of this process tree or a Ctrl-C in its terminal spares it) holds the
/// read end of a pipe from this process. The kernel closes that pipe when this process dies, however it dies: the
/// sentinel then stops the new container and starts the previous ones through the engine's socket, and the next
/// call's recovery finds the previous release serving. Disposing disarms it (this process handles every outcome it
/// lives to see). Only for an engine on this host's unix socket; a remote engine has no such guard.
/// </summary>
internal sealed class SwitchSentinel : IDisposable
{
    /// <summary>Where sentinels write what they did (one line per intervention), for whoever wonders why a release came back.</summary>
    public static string LogPath => Path.Combine(Path.GetTempPath(), "shipgate-switch-sentinel.log");

    // Blocks on the pipe: "disarm" is a clean end; EOF (the deploying process died) puts the previous release back.
    private const string Script = """
        log=$1 socket=$2 parent=$3 new=$4; shift 4
        exec >>"$log" 2>&1
        read -r word || true
        [[ $word == disarm ]] && exit 0
        api() { curl -s -o /dev/null -w "%{http_code}" --max-time 30 --unix-socket "$socket" -X POST "http://localhost$1"; }
        echo "$(date -Is) deploying process $parent died mid-switch: stopping $new ($(api "/containers/$new/stop?t=2")), starting the previous: $*"
        for id in "$@"; do echo "$(date -Is)   start $id: $(api "/containers/$id/start")"; done
        """;

    private Process? _process;

    private SwitchSentinel(Process? process) => _process = process;

    /// <summary>
    /// Arms a sentinel that, should this process die before <see cref="Dispose"/>, stops <paramref name="newContainer"/>
    /// and starts <paramref name="previousContainers"/>. Nothing is armed for an engine that is not a local unix socket.
    /// </summary>
    public static SwitchSentinel Arm(Engine.EngineConnection engine, string newContainer, IReadOnlyList<string> previousContainers)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(previousContainers);
        if (engine.Endpoint.Scheme != "unix" || previousContainers.Count == 0)
            return new SwitchSentinel(null);

        // setsid -f: forked into its own session and re-parented, so it is neither in this process tree nor its process group.
        var info = new ProcessStartInfo("setsid") { RedirectStandardInput = true, UseShellExecute = false };
        // It may outlive this process: it gets only the PATH (bash, curl, date), never the secrets the build was given as variables.
        info.Environment.Clear();
        info.Environment["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var argument in new[] { "-f", "bash", "-c", Script, "shipgate-switch-sentinel", LogPath, engine.Endpoint.AbsolutePath, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), newContainer }.Concat(previousContainers))
            info.ArgumentList.Add(argument);
        try
        {
            return new SwitchSentinel(Process.Start(info));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No setsid on this machine (util-linux): the deploy goes on unguarded, as it did before the sentinel.
            return new SwitchSentinel(null);
        }
    }

    /// <summary>Disarms the sentinel (it exits); once is enough, later calls do nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process)
            return;
        try
        {
            process.StandardInput.WriteLine("disarm");
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The sentinel is gone already: nothing to disarm.
        }

        process.Dispose();
    }
}
