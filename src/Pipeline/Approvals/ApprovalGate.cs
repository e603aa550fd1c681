using Serilog;
using Shipgate.Pipeline.Execution;
using Shipgate.Pipeline.Hosts;
using Shipgate.Pipeline.Planning;

namespace Shipgate.Pipeline.Approvals;

/// <summary>
/// The I/O side of approvals: gathers the <see cref="ApprovalContext"/>, asks <see cref="ApprovalPolicy"/>,
/// and prompts on the terminal when the policy says so. Runs once before the first target, so a refusal
/// leaves nothing half-deployed.
/// </summary>
internal static class ApprovalGate
{
    /// <summary>The approvals the planned targets need right now (conditional ones only when they apply).</summary>
    public static IReadOnlyList<(string Target, ApprovalRequirement Requirement)> Required(IEnumerable<ExecutableTarget> targets, ExecutionPlan plan)
    {
        var byName = targets.ToDictionary(target => target.Name, StringComparer.Ordinal);
        return plan.Steps
            .Where(step => !step.IsSkipped)
            .SelectMany(step => byName[step.Name].Definition.ApprovalRequirements
                .Where(requirement => requirement.AppliesNow())
                .Select(requirement => (step.Name, requirement)))
            .ToList();
    }

    /// <summary>Obtains every approval from the console; throws <see cref="ApprovalRefusedException"/> on the first refusal.</summary>
    public static IReadOnlyList<Approval> ObtainFromConsole(
        IReadOnlyList<(string Target, ApprovalRequirement Requirement)> required,
        bool approveFlag,
        IBuildHost host,
        IReadOnlyDictionary<string, string> variables)
    {
        if (required.Count == 0)
            return [];
        var interactive = !Console.IsInputRedirected && !variables.ContainsKey("CI");
        var context = new ApprovalContext(
            host.Name, approveFlag, interactive, host.Metadata.Actor ?? Environment.UserName, variables,
            GitHubReviewHistory.Read(host, variables), DateTimeOffset.UtcNow);
        return Obtain(required, context, Console.In, Console.Out);
    }

    public static IReadOnlyList<Approval> Obtain(
        IReadOnlyList<(string Target, ApprovalRequirement Requirement)> required,
        ApprovalContext context,
        TextReader input,
        TextWriter output)
    {
        var approvals = new List<Approval>();
        foreach (var (target, requirement) in required)
        {
            var approval = ApprovalPolicy.Decide(target, requirement, context) switch
            {
                ApprovalDecision.Granted granted => granted.Approval,
                ApprovalDecision.Ask ask => Prompt(ask, input, output)
                    ? ApprovalPolicy.Answered(target, requirement, context)
                    : throw new ApprovalRefusedException($"Target '{target}': '{ask.User}' did not approve the deploy to '{requirement.Environment}'."),
                ApprovalDecision.Refused refused => throw new ApprovalRefusedException(refused.Reason),
                _ => throw new InvalidOperationException("Unknown approval decision."),
            };
            Log.Information("Approved: {Target} → {Environment} by {ApprovedBy} ({Method}; {Note})",
                approval.Target, approval.Environment, approval.ApprovedBy, approval.Method, approval.Note);
            approvals.Add(approval);
        }

        return approvals;
    }

    private static bool Prompt(ApprovalDecision.Ask ask, TextReader input, TextWriter output)
    {
        output.Write(ask.Question);
        output.Flush();
        var answer = input.ReadLine()?.Trim();
        return string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) || string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase);
    }
}
