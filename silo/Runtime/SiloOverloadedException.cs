namespace WebKita.Silo.Runtime;

/// <summary>A grain's queue is full. Transient: the caller should retry after a moment (HTTP 503).</summary>
public sealed class SiloOverloadedException(string message) : Exception(message);
