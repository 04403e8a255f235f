namespace WebKita.Broker;

/// <summary>The broker refused a dynamic-security command: a configuration error, not a passing state.</summary>
public sealed class DynamicSecurityException(string message, Exception? inner = null) : Exception(message, inner);
