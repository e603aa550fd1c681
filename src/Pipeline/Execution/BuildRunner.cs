using System.Runtime.InteropServices;
using Serilog;
using Shipgate.Core.Secrets;
using Shipgate.Core.Text;
using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.CommandLine;
using Shipgate.Pipeline.Help;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Parameters;
using Shipgate.Pipeline.Planning;
using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline.Execution;

/// <summary>
/// One build invocation from command line to exit code: find the root, discover targets and parameters,
/// answer <c>--help</c>/<c>--plan</c>/<c>--secrets</c>, plan, check, run, summarise.
/// </summary>
internal sealed class BuildRunner(ShipgateBuild build, string? defaultTarget, string[] args, BuildEnvironment environment)
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidInvocation = 2;
    public const int Interrupted = 130;

    private static readonly string[] BuiltInOptions = ["target", "skip", "help", "plan", "root", "verbosity", "host", "secrets", "approve"];

    private readonly SecretMasker _masker = new();

    public async Task<int> RunAsync()
    {
        var arguments = ArgumentList.Parse(args);
        try
        {
            build.RootDirectory = RootLocator.Find(arguments.Values("root")?.FirstOrDefault(), environment);
            var targets = TargetDiscovery.Discover(build);
            var parameters = ParameterDiscovery.Discover(build.GetType());
            if (arguments.Has("help"))
            {
                environment.Out.Write(HelpText.Render(targets, defaultTarget, parameters, build));
                return Success;
            }

            if (arguments.Values("secrets") is { } secretNames)
                return SecretsCommandLine.Run(build.RootDirectory, arguments, secretNames, environment);

            var injected = new ParameterInjector(build.RootDirectory, arguments, environment.Variables) { BuiltInOptions = BuiltInOptions }
                .Inject(build, parameters);
            var tooShortToMask = _masker.RegisterAll(injected.SecretValues);
            RejectUnknownOptions(injected.UnknownOptions, parameters);

            build.Host = BuildHosts.Select(arguments.Values("host")?.FirstOrDefault(), environment.Variables);
            using var log = BuildLogging.Start(build.RootDirectory, arguments.Values("verbosity")?.FirstOrDefault(), _masker, environment.Out, build.Host);
            build.Tools = new ProcessRunner(Log.Logger, _masker);
            build.Secrets = _masker;
            foreach (var warning in injected.Warnings)
                Log.Warning("{Warning}", warning);
            if (tooShortToMask.Count > 0)
                Log.Warning("{Count} secret value(s) are shorter than {Minimum} characters and cannot be masked safely; use longer secrets", tooShortToMask.Count, SecretMasker.MinimumLength);

            var nodes = targets.Select(target => target.Node).ToList();
            var plan = ExecutionPlanner.Plan(nodes, new PlanRequest(
                arguments.Values("target") ?? arguments.Positional,
                defaultTarget,
                arguments.Values("skip") is { Count: 0 },
                arguments.Values("skip")));
            build.InvokedTargets = plan.Steps.Where(step => step.Invoked).Select(step => step.Name).ToList();
            var executor = new BuildExecutor(targets, build.Host);
            // --plan shows what would run after the static conditions, and refuses what the run would refuse (exit 2).
            plan = executor.Prepare(plan);
            build.ScheduledTargets = plan.Steps.Where(step => !step.IsSkipped).Select(step => step.Name).ToList();
            if (arguments.Has("plan"))
                return WritePlan(nodes, plan);

            build.Approvals = ApprovalGate.ObtainFromConsole(ApprovalGate.Required(targets, plan), arguments.Has("approve"), build.Host, environment.Variables);
            return await RunWithInterruptsAsync(executor, plan);
        }
        catch (Exception exception) when (exception is PlanningException or ParameterException or RequirementsException or RootNotFoundException or ApprovalRefusedException)
        {
            environment.Error.WriteLine(_masker.Mask(exception.Message));
            return InvalidInvocation;
        }
    }

    private void RejectUnknownOptions(IReadOnlyList<string> unknown, IReadOnlyList<ParameterDescriptor> parameters)
    {
        if (unknown.Count == 0)
            return;
        var known = parameters.Select(p => p.Name).Concat(BuiltInOptions).Append("profile").ToList();
        throw new ParameterException(string.Join(Environment.NewLine, unknown.Select(option =>
            Suggestions.Closest(option, known) is { } closest
                ? $"Unknown option '--{option}'. Did you mean '--{closest}'?"
                : $"Unknown option '--{option}'. Run --help to list the parameters.")));
    }

    private int WritePlan(IReadOnlyList<TargetNode> nodes, ExecutionPlan plan)
    {
        var page = Path.Combine(build.RootDirectory, ".nuke", "temp", "plan.html");
        Directory.CreateDirectory(Path.GetDirectoryName(page)!);
        File.WriteAllText(page, PlanRenderer.RenderHtml(nodes, plan));
        environment.Out.Write(PlanRenderer.RenderText(plan));
        environment.Out.WriteLine($"Graph written to {page}");
        return Success;
    }

    // Ctrl-C and SIGTERM cancel the running target; assured targets still run; a second signal is not intercepted.
    private async Task<int> RunWithInterruptsAsync(BuildExecutor executor, ExecutionPlan plan)
    {
        using var interrupt = new CancellationTokenSource();
        void Cancel(PosixSignalContext context)
        {
            if (interrupt.IsCancellationRequested)
                return;
            context.Cancel = true;
            Log.Warning("{Signal} received: stopping after the running target; assured targets still run", context.Signal);
            interrupt.Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
        var outcomes = await executor.RunAsync(plan, interrupt.Token);
        var summary = BuildSummary.Render(outcomes);
        Log.Information("{Summary:l}", summary.Text);
        build.Host.WriteSummary(summary.Markdown);
        return interrupt.IsCancellationRequested ? Interrupted : summary.Succeeded ? Success : Failure;
    }
}
