namespace Shipgate.Gates.Model;

/// <summary>The range a gate's value must stay in; either end may be open.</summary>
public sealed record ThresholdBand(double? Min, double? Max)
{
    public static ThresholdBand None { get; } = new(null, null);

    public bool Contains(double value) => (Min is not { } min || value >= min) && (Max is not { } max || value <= max);

    public override string ToString() => (Min, Max) switch
    {
        (null, null) => "no limit",
        ({ } min, null) => $">= {min:G6}",
        (null, { } max) => $"<= {max:G6}",
        ({ } min, { } max) => $"within [{min:G6}, {max:G6}]",
    };
}
