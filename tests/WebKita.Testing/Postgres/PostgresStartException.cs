namespace WebKita.Testing;

/// <summary>A test cluster could not be initialized or started; the message carries the tool's output and the server log.</summary>
public sealed class PostgresStartException(string message, bool portInUse) : Exception(message)
{
    /// <summary>The server could not bind its port: retrying on another port may succeed.</summary>
    public bool PortInUse { get; } = portInUse;
}
