namespace WebKita.Broker;

/// <summary>The broker refused a dynamic-security command or did not answer in time.</summary>
public sealed class DynamicSecurityException(string message, Exception? inner = null) : Exception(message, inner);
