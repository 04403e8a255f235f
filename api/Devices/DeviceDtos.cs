using WebKita.Grains.Alarms;
using WebKita.Grains.Devices;

namespace WebKita.Api.Devices;

public sealed record DeviceRequest(string? DeviceId, Guid? BuildingId, string? Room, string? Kind, IReadOnlyList<string>? Measurements, Guid? AlarmProfileId);

public sealed record AlarmResponse(Guid Id, string Type, string Severity, DateTimeOffset RaisedAt, double? Value, DateTimeOffset? AcknowledgedAt, int EscalationLevel)
{
    public static AlarmResponse From(Alarm a) => new(a.Id, a.Type, a.Severity.ToString(), a.RaisedAt, a.Value, a.AcknowledgedAt, a.EscalationLevel);
}

/// <summary>A device as the registry and its latest messages describe it; never its credentials.</summary>
public sealed record DeviceResponse(
    string DeviceId, Guid SchoolId, Guid BuildingId, string? Room, string Kind, IReadOnlyList<string> Measurements, Guid? AlarmProfileId,
    DateTimeOffset RegisteredAt, DateTimeOffset? LastSeenAt, IReadOnlyList<AlarmResponse> Alarms)
{
    public static DeviceResponse From(Device d) => new(
        d.DeviceId, d.SchoolId, d.BuildingId, d.Room, d.Kind.ToString().ToLowerInvariant(), [.. d.Measurements.Select(Grains.Devices.Measurements.Code)],
        d.AlarmProfileId, d.RegisteredAt, d.LastSeenAt, [.. d.Alarms.Values.OrderBy(a => a.RaisedAt).Select(AlarmResponse.From)]);
}

/// <summary>The answer to a registration: the MQTT credentials, shown this once and kept nowhere but at the broker.</summary>
public sealed record MqttCredentials(string Username, string Password);

public sealed record RegisteredDeviceResponse(DeviceResponse Device, MqttCredentials Mqtt);
