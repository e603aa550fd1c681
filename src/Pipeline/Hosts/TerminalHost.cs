using Serilog;
using Serilog.Core;

namespace Shipgate.Pipeline.Hosts;

/// <summary>A developer's terminal: a banner per target, the summary is already on screen.</summary>
public sealed class TerminalHost(IReadOnlyDictionary<string, string> environment) : IBuildHost
{
    public const string HostName = "Terminal";

    private readonly Lazy<CiMetadata> _metadata = new(() => ReadMetadata(environment));

    public TerminalHost()
        : this(new Dictionary<string, string>())
    {
    }

    public string Name => HostName;

    public CiMetadata Metadata => _metadata.Value;

    public IDisposable BeginGroup(string title)
    {
        Log.Information("═══ {Title} ═══", title);
        return NoGroup.Instance;
    }

    public void WriteSummary(string markdown)
    {
    }

    public IReadOnlyList<ILogEventSink> CreateLogSinks(Func<string, string> mask) => [];

    private static CiMetadata ReadMetadata(IReadOnlyDictionary<string, string> environment)
    {
        var head = LocalGit.ReadHead(Directory.GetCurrentDirectory());
        var user = CiMetadata.Get(environment, "USER", "USERNAME") ?? Environment.UserName;
        return new CiMetadata(HostName, head?.Commit, head?.Branch, null, user);
    }

    private sealed class NoGroup : IDisposable
    {
        public static readonly NoGroup Instance = new();

        public void Dispose()
        {
        }
    }
}
