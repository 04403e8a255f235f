namespace WebKita.Silo.Devices;

/// <summary>
/// The embedded default without a broker: devices cannot be given credentials, so registering
/// one is refused (the api answers 503 <c>broker.not_configured</c>). A gateway host replaces it
/// with the real broker's accounts.
/// </summary>
public sealed class UnconfiguredBrokerAccounts : IBrokerAccounts
{
    public bool IsConfigured => false;

    public Task CreateDeviceAsync(string deviceId, string password, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No MQTT broker is configured; device '{deviceId}' cannot get credentials.");

    public Task DisableDeviceAsync(string deviceId, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"No MQTT broker is configured; device '{deviceId}' has no credentials to disable.");
}
