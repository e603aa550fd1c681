using Shipgate.Pipeline.Tooling;

namespace Shipgate.Pipeline.Tests.Tooling;

public sealed class OutputTailTests
{
    private static readonly OutputLine Out1 = new(OutputStream.StandardOutput, "out1");
    private static readonly OutputLine Out2 = new(OutputStream.StandardOutput, "out2");
    private static readonly OutputLine Out3 = new(OutputStream.StandardOutput, "out3");
    private static readonly OutputLine Err1 = new(OutputStream.StandardError, "err1");
    private static readonly OutputLine Err2 = new(OutputStream.StandardError, "err2");

    [Fact]
    public void The_tail_is_the_same_however_the_two_streams_interleaved()
    {
        OutputLine[][] arrivals =
        [
            [Out1, Out2, Out3, Err1, Err2],
            [Err1, Err2, Out1, Out2, Out3],
            [Out1, Err1, Out2, Err2, Out3],
            [Err1, Out1, Out2, Err2, Out3],
        ];

        var descriptions = arrivals.Select(lines => OutputTail.Of(lines, 2, text => text).Describe()).Distinct().ToList();

        Assert.Equal([". Last lines of standard output:\n  out2\n  out3\nLast lines of standard error:\n  err1\n  err2"], descriptions);
    }

    [Fact]
    public void Each_stream_keeps_its_own_last_lines_in_order()
    {
        var tail = OutputTail.Of([Out1, Err1, Out2, Err2, Out3], 2, text => text);

        Assert.Equal(["out2", "out3"], tail.StandardOutput);
        Assert.Equal(["err1", "err2"], tail.StandardError);
        Assert.Equal(["out2", "out3", "err1", "err2"], tail.Lines);
    }

    [Fact]
    public void Lines_pass_through_the_transform_so_secrets_can_be_masked()
    {
        var tail = OutputTail.Of([new OutputLine(OutputStream.StandardError, "token s3cr3t-value refused")], 5, text => text.Replace("s3cr3t-value", "****", StringComparison.Ordinal));

        Assert.Equal(". Last lines of standard error:\n  token **** refused", tail.Describe());
    }

    [Fact]
    public void A_stream_without_lines_is_left_out_and_no_lines_at_all_say_no_output()
    {
        Assert.Equal(". Last lines of standard output:\n  out1", OutputTail.Of([Out1], 3, text => text).Describe());
        Assert.Equal(" (no output)", OutputTail.Of([], 3, text => text).Describe());
    }
}
