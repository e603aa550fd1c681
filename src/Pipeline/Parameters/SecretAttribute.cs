namespace Shipgate.Pipeline;

/// <summary>
/// Marks a <see cref="ParameterAttribute">parameter</see> whose value is never printed: every log sink
/// masks it, error messages show <c>****</c> instead of it, and parameter files hold it encrypted.
/// </summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = true)]
public sealed class SecretAttribute : Attribute;
