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

    /// <summary>
    /// Applies one device's messages in the order given, as if one after another, and answers
    /// each in that order. Cheaper per message than one call each: the device is written once.
    /// A failure may leave some of them applied; repeating the call then answers them as before.
    /// </summary>
    Task<IReadOnlyList<DeviceMessageOutcome>> ApplyAsync(IReadOnlyList<DeviceMessage> messages, CancellationToken cancellationToken);
}
