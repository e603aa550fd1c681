namespace Shipgate.Gates.Templates;

/// <summary>A query template names a variable that has no value, or a value is unsafe to put in a query.</summary>
public sealed class TemplateException(string message) : Exception(message);
