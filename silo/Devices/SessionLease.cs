namespace WebKita.Silo.Devices;

/// <summary>Who may hold a gateway's MQTT session until when (<see cref="SessionLeases"/>).</summary>
public sealed record SessionLease(string Holder, DateTimeOffset ExpiresAt)
{
    public bool IsFreeFor(string holder, DateTimeOffset now) => Holder == holder || ExpiresAt <= now;
}
