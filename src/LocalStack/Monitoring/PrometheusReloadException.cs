namespace Shipgate.LocalStack.Monitoring;

/// <summary>Prometheus did not take the new configuration; the message says why and what to do.</summary>
public sealed class PrometheusReloadException(string message, Exception? inner = null) : Exception(message, inner);
