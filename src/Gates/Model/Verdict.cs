namespace Shipgate.Gates.Model;

/// <summary>The answer of an analysis.</summary>
public enum Verdict
{
    Pass,
    Fail,
    Inconclusive,
}
