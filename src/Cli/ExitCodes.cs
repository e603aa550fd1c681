namespace Shipgate.Cli;

/// <summary>The `shipgate` exit codes, stable for pipelines.</summary>
public static class ExitCodes
{
    public const int Pass = 0;
    public const int Fail = 1;
    public const int Inconclusive = 2;

    /// <summary>Bad usage or configuration (including a malformed gates file): nothing was verified.</summary>
    public const int Usage = 3;
}
