namespace WebKita.Silo.Devices;

/// <summary>
/// One MQTT message from a device, as the gateway received it on <c>sue/v1/{DeviceId}/{Channel}</c>.
/// The payload is passed unparsed: validating it is the domain's job, so a bad one can be
/// dead-lettered with the domain's reason.
/// </summary>
public sealed record DeviceMessage(string DeviceId, DeviceChannel Channel, ReadOnlyMemory<byte> Payload, DateTimeOffset ReceivedAt);
