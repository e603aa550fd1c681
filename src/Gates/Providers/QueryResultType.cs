namespace Shipgate.Gates.Providers;

/// <summary>The four result types of a PromQL query.</summary>
public enum QueryResultType
{
    Vector,
    Matrix,
    Scalar,
    String,
}
