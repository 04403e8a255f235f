namespace WebKita.Silo.Devices;

/// <summary>
/// The broker's own accounts for devices: the credentials it enforces and the topics it lets a
/// device use (publish under <c>sue/v1/{deviceId}/</c>, read only its own <c>ack</c>). Changes
/// take effect without a broker restart. Idempotent per device id.
/// </summary>
public interface IBrokerAccounts
{
    /// <summary>Whether a broker is configured at all; without one, devices cannot be registered.</summary>
    bool IsConfigured { get; }

    Task CreateDeviceAsync(string deviceId, string password, CancellationToken cancellationToken);

    Task DisableDeviceAsync(string deviceId, CancellationToken cancellationToken);
}
