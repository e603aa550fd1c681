using System.Runtime.CompilerServices;

namespace Shipgate.Pipeline;

/// <summary>
/// Marks an instance field or property of a build class as a parameter, Nuke style:
/// <c>[Parameter("Error rate the fault injector produces")] readonly double FaultErrorRate = 0.01;</c>.
/// Its name on the command line is the kebab-case member name (<c>--fault-error-rate</c>) unless
/// <see cref="Name"/> says otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class ParameterAttribute : Attribute
{
    /// <param name="description">One line for <c>--help</c>.</param>
    /// <param name="line">
    /// Filled in by the compiler: reflection does not keep the declaration order of fields relative to
    /// properties, the source line does.
    /// </param>
    public ParameterAttribute(string description = "", [CallerLineNumber] int line = 0)
    {
        Description = description;
        DeclarationLine = line;
    }

    public string Description { get; }

    /// <summary>Overrides the parameter name; written in any case, compared by letters and digits.</summary>
    public string? Name { get; set; }

    /// <summary>
    /// For array parameters: splits a single string (an environment variable, a JSON string, one
    /// command-line word) into elements. Without it such strings are split on whitespace.
    /// </summary>
    public string? Separator { get; set; }

    internal int DeclarationLine { get; }
}
