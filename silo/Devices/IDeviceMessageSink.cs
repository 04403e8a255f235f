namespace WebKita.Silo.Devices;

/// <summary>
/// Where the gateway hands device messages. Idempotent: a message delivered twice (QoS 1 does
/// that) has one effect; the second call answers like the first. Thread-safe. Throws only for
/// infrastructure failures (the store is down); the gateway then does not acknowledge, and the
/// broker delivers again.
/// </summary>
public interface IDeviceMessageSink
{
    Task<DeviceMessageOutcome> ApplyAsync(DeviceMessage message, CancellationToken cancellationToken);
}
