using System.Buffers;
using System.Collections.Immutable;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;

namespace WebKita.Grains.Devices;

/// <summary>
/// A registered device: where it hangs and what it sends, plus what its messages left behind (the
/// latest message ids, alarm rule progress, active alarms, when it was last heard of). Device ids
/// are unique across tenants, since topics carry no tenant; <see cref="IdFor"/> is the grain id.
/// </summary>
public sealed partial record Device(
    TenantId Tenant,
    Guid Id,
    string DeviceId,
    Guid SchoolId,
    Guid BuildingId,
    string? Room,
    DeviceKind Kind,
    ImmutableList<Measurement> Measurements,
    Guid? AlarmProfileId,
    DateTimeOffset RegisteredAt,
    MessageIdRing Recent,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? LastReadingAt,
    DateTimeOffset? LastStatusAt,
    ImmutableDictionary<string, RuleProgress> Progress,
    ImmutableDictionary<string, Alarm> Alarms,
    DateTimeOffset? SilenceCheckAt)
{
    public const int MaxDeviceIdLength = 64;
    public const string SilenceCheck = "silence";

    public static Guid IdFor(string deviceId) => DeterministicId.From($"device/{deviceId}");

    /// <summary>Topic-safe: no '/', '+', '#', so a device id is one topic level and never a wildcard.</summary>
    public static bool IsValidDeviceId(string? deviceId) =>
        deviceId is { Length: >= 3 and <= MaxDeviceIdLength } && !deviceId.AsSpan().ContainsAnyExcept(DeviceIdCharacters);

    private static readonly SearchValues<char> DeviceIdCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static Outcome<Device> Register(
        TenantId tenant, string deviceId, Guid schoolId, Guid buildingId, string? room, DeviceKind kind,
        IReadOnlyList<Measurement> measurements, Guid? alarmProfileId, DateTimeOffset now)
    {
        var problems = new List<FieldProblem>();
        if (!IsValidDeviceId(deviceId))
        {
            problems.Add(new("deviceId", $"must be 3 to {MaxDeviceIdLength} characters of A-Z, a-z, 0-9, '-' and '_'"));
        }

        if (kind == DeviceKind.Sensor && measurements.Count == 0)
        {
            problems.Add(new("measurements", "a sensor sends at least one measurement"));
        }

        if (kind == DeviceKind.Kiosk && measurements.Count > 0)
        {
            problems.Add(new("measurements", "a kiosk sends reports, not measurements"));
        }

        return problems.Count > 0
            ? new Refusal("device.invalid", "The device's details are not valid.", problems)
            : Outcome<Device>.Done(new Device(
                tenant, IdFor(deviceId), deviceId, schoolId, buildingId, room, kind, [.. measurements.Distinct()], alarmProfileId, now,
                MessageIdRing.Empty, null, null, null, ImmutableDictionary<string, RuleProgress>.Empty, ImmutableDictionary<string, Alarm>.Empty, null));
    }

    public bool IsOffline => Alarms.ContainsKey(AlarmProfile.OfflineType);

    /// <summary>Alarm ids come from the device, type and time, so a decision taken twice makes the same id.</summary>
    private Guid AlarmIdFor(string type, DateTimeOffset at) => DeterministicId.From($"alarm/{DeviceId}/{type}/{at.UtcTicks}");
}
