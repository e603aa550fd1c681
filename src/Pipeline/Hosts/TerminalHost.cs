using Serilog;

namespace Shipgate.Pipeline.Hosts;

/// <summary>A developer's terminal: a banner per target, the summary is already on screen.</summary>
public sealed class TerminalHost : IBuildHost
{
    public string Name => "Terminal";

    public IDisposable BeginGroup(string title)
    {
        Log.Information("═══ {Title} ═══", title);
        return NoGroup.Instance;
    }

    public void WriteSummary(string markdown)
    {
    }

    private sealed class NoGroup : IDisposable
    {
        public static readonly NoGroup Instance = new();

        public void Dispose()
        {
        }
    }
}
