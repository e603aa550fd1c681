using Serilog.Context;
using Shipgate.Core.Secrets;
using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Logging;
using Shipgate.Pipeline.Parameters;
using Shipgate.Pipeline.Tests.Parameters;
using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline.Tests.Tooling;

/// <summary>
/// The whole path a secret takes: injected from the environment, registered with the masker, then
/// logged every way a build can log it and printed by a child process. The value must appear in no
/// console line, no log-file line and no exception text.
/// </summary>
public sealed class SecretMaskingEndToEndTests : IDisposable
{
    private const string Secret = "e2e-Secret-Value-31337";
    private readonly TemporaryRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task Secret_from_the_environment_appears_nowhere()
    {
        var build = new SecretBuild();
        var injected = new ParameterInjector(_root.Path, ArgumentList.Parse([]), new Dictionary<string, string> { ["SHIPGATE_REGISTRY_PASSWORD"] = Secret })
            .Inject(build);
        var masker = new SecretMasker();
        Assert.Empty(masker.RegisterAll(injected.SecretValues));
        var console = new StringWriter();
        var exceptionTexts = new List<string>();

        using (var log = BuildLog.Create(new BuildLogOptions { RootDirectory = _root.Path, Masker = masker, Verbosity = Verbosity.Verbose, ConsoleWriter = console }))
        using (LogContext.PushProperty("Target", "Push"))
        {
            var runner = new ProcessRunner(log, masker);
            log.Information("logging in with " + build.RegistryPassword);
            log.Information("password {Password}", build.RegistryPassword);
            log.Error(new InvalidOperationException($"login failed for {build.RegistryPassword}"), "failed");

            var invocation = new ToolInvocation("sh", ["-c", "echo \"stdout: $PW\"; echo \"stderr: $PW\" >&2; echo \"arg: $1\"; exit 4", "sh", build.RegistryPassword!])
            {
                Environment = new Dictionary<string, string?> { ["PW"] = build.RegistryPassword },
            };
            var failure = await Assert.ThrowsAsync<ProcessFailedException>(() => runner.RunAsync(invocation));
            exceptionTexts.Add(failure.ToString());
            log.Error(failure, "Target {Target} failed", "Push");
        }

        var consoleText = console.ToString();
        var fileText = File.ReadAllText(BuildLog.DefaultLogFilePath(_root.Path));
        foreach (var text in exceptionTexts.Append(consoleText).Append(fileText))
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);

        // The lines are there, masked: the test would pass vacuously if nothing had been logged.
        Assert.Contains("Push | stdout: ****", consoleText, StringComparison.Ordinal);
        Assert.Contains("Push | stderr: ****", consoleText, StringComparison.Ordinal);
        Assert.Contains("Push | > sh -c", consoleText, StringComparison.Ordinal);
        Assert.Contains("Exit code 4: sh -c ", consoleText, StringComparison.Ordinal);
        Assert.Contains("login failed for ****", fileText, StringComparison.Ordinal);
        Assert.Contains("arg: ****", exceptionTexts[0], StringComparison.Ordinal);
    }

#pragma warning disable CS0649 // assigned by reflection
    private sealed class SecretBuild
    {
        [Parameter("Password of the image registry"), Secret] public string? RegistryPassword;
    }
#pragma warning restore CS0649
}
