namespace Shipgate.LocalStack.Tests;

/// <summary>This project's ports: 18150-18199 (ModelService.Tests has 18100-18149).</summary>
internal static class Ports
{
    private static int s_next = 18150;

    public static int Next()
    {
        var port = Interlocked.Increment(ref s_next) - 1;
        return port <= 18199 ? port : throw new InvalidOperationException("Shipgate.LocalStack.Tests ran out of ports 18150-18199");
    }
}
