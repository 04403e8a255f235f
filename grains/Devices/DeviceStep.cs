using WebKita.Grains.Common;

namespace WebKita.Grains.Devices;

/// <summary>
/// A device message's or reminder's effect: the new state (the same instance when nothing changed),
/// the events, whether the message had been seen before, and the wake-up calls to set.
/// </summary>
public sealed record DeviceStep(Device State, IReadOnlyList<DomainEvent> Events, bool Repeated, IReadOnlyList<DeviceWakeUp> WakeUps)
{
    public static DeviceStep Unchanged(Device device, bool repeated = false) => new(device, [], repeated, []);
}
