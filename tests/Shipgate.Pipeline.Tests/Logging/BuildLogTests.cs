using System.Text.Json;
using Serilog.Context;
using Serilog.Core;
using Serilog.Events;
using Shipgate.Core.Secrets;
using Shipgate.Pipeline.Logging;
using Shipgate.Pipeline.Tests.Parameters;

namespace Shipgate.Pipeline.Tests.Logging;

public sealed class BuildLogTests : IDisposable
{
    private const string Secret = "tok_Zq8-secret-VALUE";
    private readonly TemporaryRoot _root = new();
    private readonly SecretMasker _masker = new();
    private readonly StringWriter _console = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Secret_never_reaches_console_file_or_extra_sink()
    {
        var extra = new CollectingSink();
        using (var log = Create(Verbosity.Verbose, extra))
        {
            // Registered after the logger exists, as the injector runs after logging starts.
            _masker.Register(Secret);

            log.Information("concatenated " + Secret);
            log.Information("as a property {Token}", Secret);
            log.Information("inside an object {@Config}", new { Registry = "127.0.0.1:5000", Password = Secret, Nested = new { Key = Secret } });
            log.Information("in a list {Values} and a map {Map}", new[] { "a", Secret }, new Dictionary<string, string> { [Secret] = Secret });
            log.Information("in a URI {Url}", new Uri($"https://bot:{Secret}@127.0.0.1/x"));
            log.Error(Thrown(), "an exception");
            using (LogContext.PushProperty("Header", $"Bearer {Secret}"))
                log.Warning("with a context property");
        }

        var console = _console.ToString();
        var file = File.ReadAllText(BuildLog.DefaultLogFilePath(_root.Path));
        var extraText = string.Join("\n", extra.Events.Select(Render));
        foreach (var text in new[] { console, file, extraText })
        {
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-VALUE", text, StringComparison.Ordinal);
        }

        Assert.Contains("concatenated ****", console, StringComparison.Ordinal);
        Assert.Contains("as a property ****", console, StringComparison.Ordinal);
        Assert.Contains("\"Password\":\"****\",\"Nested\":{\"Key\":\"****\"}", console, StringComparison.Ordinal);
        Assert.Contains("Deploy failed: registry said ****", console, StringComparison.Ordinal);
        Assert.Contains("at Shipgate.Pipeline.Tests.Logging.BuildLogTests.Thrown", console, StringComparison.Ordinal);
        Assert.Contains("Bearer ****", file, StringComparison.Ordinal);
        Assert.Equal(7, extra.Events.Count);
    }

    [Fact]
    public void Secret_spelled_by_two_harmless_properties_side_by_side_is_masked()
    {
        using (var log = Create(Verbosity.Normal))
        {
            _masker.Register(Secret);
            log.Information("joined {Head}{Tail} with {Braces}", Secret[..8], Secret[8..], "{x}");
        }

        var console = _console.ToString();
        Assert.DoesNotContain(Secret, console, StringComparison.Ordinal);
        Assert.Contains("joined **** with {x}", console, StringComparison.Ordinal);
    }

    [Fact]
    public void Masked_exception_keeps_type_and_stack_but_not_the_original()
    {
        _masker.Register(Secret);

        var masked = Assert.IsType<MaskedException>(MaskedException.MaskIfNeeded(Thrown(), _masker));

        Assert.Equal(typeof(InvalidOperationException).FullName, masked.OriginalType);
        Assert.Null(masked.InnerException);
        Assert.DoesNotContain(Secret, masked.Message + masked.ToString() + masked.StackTrace, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: Deploy failed", masked.ToString(), StringComparison.Ordinal);
        Assert.Contains("inner ****", masked.ToString(), StringComparison.Ordinal);

        var harmless = new InvalidOperationException("nothing to hide");
        Assert.Same(harmless, MaskedException.MaskIfNeeded(harmless, _masker));
    }

    [Fact]
    public void Target_from_log_context_prefixes_console_lines_and_is_a_file_property()
    {
        using (var log = Create(Verbosity.Normal))
        {
            log.Information("before any target");
            using (LogContext.PushProperty("Target", "Compile"))
                log.Information("building {Project}", "Shipgate.Pipeline");
        }

        var lines = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("[INF] before any target", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("[INF] Compile | building Shipgate.Pipeline", lines[1], StringComparison.Ordinal);

        var events = File.ReadAllLines(BuildLog.DefaultLogFilePath(_root.Path)).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, events.Count);
        Assert.Equal("building {Project}", events[1].GetProperty("@mt").GetString());
        Assert.Equal("Compile", events[1].GetProperty("Target").GetString());
        Assert.False(events[0].TryGetProperty("Target", out _));
        Assert.False(events[1].TryGetProperty("TargetPrefix", out _));
    }

    [Theory]
    [InlineData(Verbosity.Quiet, "ERR")]
    [InlineData(Verbosity.Minimal, "WRN ERR")]
    [InlineData(Verbosity.Normal, "INF WRN ERR")]
    [InlineData(Verbosity.Verbose, "VRB DBG INF WRN ERR")]
    public void Verbosity_limits_the_console_and_extra_sinks_but_the_file_has_everything(Verbosity verbosity, string shown)
    {
        var extra = new CollectingSink();
        using (var log = Create(verbosity, extra))
        {
            log.Verbose("v");
            log.Debug("d");
            log.Information("i");
            log.Warning("w");
            log.Error("e");
        }

        var levels = _console.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[10..13]);
        Assert.Equal(shown, string.Join(' ', levels));
        Assert.Equal(shown.Split(' ').Length, extra.Events.Count);
        Assert.Equal(5, File.ReadAllLines(BuildLog.DefaultLogFilePath(_root.Path)).Length);
    }

    [Fact]
    public void Each_run_starts_a_fresh_log_file()
    {
        using (var log = Create(Verbosity.Normal))
            log.Information("first run");
        using (var log = Create(Verbosity.Normal))
            log.Information("second run");

        var file = File.ReadAllText(BuildLog.DefaultLogFilePath(_root.Path));
        Assert.DoesNotContain("first run", file, StringComparison.Ordinal);
        Assert.Contains("second run", file, StringComparison.Ordinal);
    }

    private static InvalidOperationException Thrown()
    {
        try
        {
            throw new InvalidOperationException($"Deploy failed: registry said {Secret}", new IOException($"inner {Secret}"));
        }
        catch (InvalidOperationException e)
        {
            return e;
        }
    }

    private static string Render(LogEvent e) =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Values) + " " + e.Exception;

    private Logger Create(Verbosity verbosity, ILogEventSink? extra = null) => BuildLog.Create(new BuildLogOptions
    {
        RootDirectory = _root.Path,
        Masker = _masker,
        Verbosity = verbosity,
        ConsoleWriter = _console,
        ExtraSinks = extra is null ? [] : [extra],
    });

    private sealed class CollectingSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
