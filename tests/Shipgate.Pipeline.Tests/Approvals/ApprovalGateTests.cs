using Shipgate.Pipeline.Approvals;
using Shipgate.Pipeline.Hosts;

namespace Shipgate.Pipeline.Tests.Approvals;

public class ApprovalGateTests
{
    private static readonly ApprovalRequirement Production = new("production", ["alice"]);

    private static ApprovalContext Terminal(bool interactive) =>
        new(TerminalHost.HostName, false, interactive, "alice", new Dictionary<string, string>(), [], DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("y\n")]
    [InlineData("YES\n")]
    public void A_yes_on_the_terminal_records_a_prompt_approval(string answer)
    {
        var output = new StringWriter();

        var approval = Assert.Single(ApprovalGate.Obtain([("Deploy", Production)], Terminal(interactive: true), new StringReader(answer), output));

        Assert.Equal(("alice", ApprovalMethod.TerminalPrompt, "listed approver"), (approval.ApprovedBy, approval.Method, approval.Note));
        Assert.Contains("Approve as 'alice'?", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n\n")]
    [InlineData("\n")]
    [InlineData("")]
    public void Anything_but_yes_refuses_and_nothing_is_recorded(string answer)
    {
        var error = Assert.Throws<ApprovalRefusedException>(() =>
            ApprovalGate.Obtain([("Deploy", Production)], Terminal(interactive: true), new StringReader(answer), new StringWriter()));

        Assert.Equal("Target 'Deploy': 'alice' did not approve the deploy to 'production'.", error.Message);
    }

    [Fact]
    public void Without_a_terminal_the_gate_refuses_without_reading_input()
    {
        var input = new StringReader("y\n");

        Assert.Throws<ApprovalRefusedException>(() => ApprovalGate.Obtain([("Deploy", Production)], Terminal(interactive: false), input, new StringWriter()));
        Assert.Equal("y", input.ReadLine());
    }
}
