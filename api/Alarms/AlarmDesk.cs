using WebKita.Api.Accounts;
using WebKita.Api.Buildings;
using WebKita.Api.Devices;
using WebKita.Grains.Common;
using WebKita.Silo.Devices;

namespace WebKita.Api.Alarms;

/// <summary>
/// Active alarms and their acknowledgement, for the JSON endpoints and the facility managers'
/// board alike. A device outside the caller's buildings is treated as missing, so nobody can
/// probe which devices exist.
/// </summary>
public sealed class AlarmDesk(DeviceRegistry registry, DeviceActivations devices, TimeProvider time)
{
    /// <summary>The active alarms of the caller's buildings (a county admin: all), oldest first.</summary>
    public async Task<IReadOnlyList<ActiveAlarmResponse>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        var devicesSeen = caller.IsAdminOf(caller.Tenant.Value)
            ? await registry.ListAsync(caller.Tenant, null, cancellationToken)
            : [.. (await Task.WhenAll(caller.Buildings.Select(b => registry.ListAsync(caller.Tenant, b, cancellationToken)))).SelectMany(d => d)];
        return [.. devicesSeen
            .SelectMany(d => d.Alarms.Values.Select(a => new ActiveAlarmResponse(d.DeviceId, d.SchoolId, d.BuildingId, d.Room, AlarmResponse.From(a))))
            .OrderBy(a => a.Alarm.RaisedAt)];
    }

    /// <summary>
    /// Stops the alarm's escalation; idempotent (a repeat keeps the first acknowledgement). Null
    /// when the device is not the caller's to see; otherwise the alarm, or the device's refusal.
    /// </summary>
    public async Task<Outcome<ActiveAlarmResponse>?> AcknowledgeAsync(Caller caller, string deviceId, string type, CancellationToken cancellationToken)
    {
        if (await registry.FindAsync(caller.Tenant, deviceId, cancellationToken) is not { } device || !caller.Oversees(caller.Tenant.Value, device.BuildingId))
        {
            return null;
        }

        var verdict = await devices.SendAsync(
            DeviceRegistry.Key(caller.Tenant, device.Id), new AcknowledgeAlarm(type, caller.AccountId, time.GetUtcNow()), cancellationToken);
        return verdict.Alarm is { } alarm
            ? Outcome<ActiveAlarmResponse>.Done(new ActiveAlarmResponse(device.DeviceId, device.SchoolId, device.BuildingId, device.Room, AlarmResponse.From(alarm.ToAlarm())))
            : verdict.Refusal!;
    }
}
