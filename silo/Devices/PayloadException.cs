namespace WebKita.Silo.Devices;

/// <summary>A device payload that cannot take effect; <see cref="Reason"/> is its stable dead-letter code.</summary>
internal sealed class PayloadException(string reason, string detail) : Exception(detail)
{
    public string Reason { get; } = reason;
}
