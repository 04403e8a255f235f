using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>One decision for one device; <paramref name="Fired"/> is the reminder whose firing it is, deleted in the same commit.</summary>
internal sealed record DeviceRequest(GrainKey Key, Func<Device, AlarmProfile, Outcome<DeviceStep>> Decide, Reminder? Fired);
