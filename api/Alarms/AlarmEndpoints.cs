using WebKita.Api.Accounts;
using WebKita.Api.Buildings;
using WebKita.Api.Devices;
using WebKita.Api.Problems;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Silo.Alarms;
using WebKita.Silo.Devices;

namespace WebKita.Api.Alarms;

public static class AlarmEndpoints
{
    public static void MapAlarms(this RouteGroupBuilder tenant)
    {
        // The county sets the rules; facility managers see and acknowledge the alarms of their buildings.
        var profiles = tenant.MapGroup("/alarm-profiles").WithTags("Alarms");
        profiles.MapGet("/", ListProfiles).RequireAuthorization(Policies.CountyAdmin).Produces<AlarmProfileResponse[]>();
        profiles.MapPut("/{id:guid}", PutProfile).RequireAuthorization(Policies.CountyAdmin).Produces<AlarmProfileResponse>();
        var alarms = tenant.MapGroup("/alarms").WithTags("Alarms");
        alarms.MapGet("/", ListAlarms).RequireAuthorization(Policies.FacilityOrAdmin).Produces<ActiveAlarmResponse[]>();
        alarms.MapPost("/{deviceId}/{type}/acknowledge", Acknowledge).RequireAuthorization(Policies.FacilityOrAdmin).Produces<ActiveAlarmResponse>();
    }

    private static async Task<IResult> ListProfiles(string tenant, HttpContext http, AlarmProfileDirectory profiles, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant)
            ? TypedResults.Ok((await profiles.ListAsync(new TenantId(tenant), cancellationToken)).Select(AlarmProfileResponse.From).ToArray())
            : TypedResults.NotFound();

    /// <summary>Creates or replaces a profile. Without schoolId it applies to the devices that name it; with one, also to the school's devices that name none.</summary>
    private static async Task<IResult> PutProfile(string tenant, Guid id, AlarmProfileRequest request, HttpContext http, AlarmProfileDirectory profiles, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var (rules, problem) = AlarmRuleParser.Parse(request.Rules ?? []);
        if (problem is not null)
        {
            return problem;
        }

        var schedule = request.Schedule is { } s
            ? new Schedule(s.TimeZone ?? "Europe/Berlin", [.. (s.Hours ?? []).Select(h => new SchoolHours(h.Day, h.From, h.To))], [.. s.ClosedDays ?? []])
            : Schedule.Weekdays;
        var outcome = await profiles.PutAsync(
            caller.Tenant, id, request.Name ?? "", request.SchoolId, rules!, schedule, TimeSpan.FromMinutes(request.OfflineAfterMinutes ?? 120), cancellationToken, caller.ToActor());
        return outcome.Value is { } profile ? TypedResults.Ok(AlarmProfileResponse.From(profile)) : outcome.Refusal!.ToProblem();
    }

    private static async Task<IResult> ListAlarms(string tenant, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var tenantId = new TenantId(tenant);
        var devices = caller.IsAdminOf(tenant)
            ? await registry.ListAsync(tenantId, null, cancellationToken)
            : [.. (await Task.WhenAll(caller.Buildings.Select(b => registry.ListAsync(tenantId, b, cancellationToken)))).SelectMany(d => d)];
        return TypedResults.Ok(devices
            .SelectMany(d => d.Alarms.Values.Select(a => new ActiveAlarmResponse(d.DeviceId, d.SchoolId, d.BuildingId, d.Room, AlarmResponse.From(a))))
            .OrderBy(a => a.Alarm.RaisedAt)
            .ToArray());
    }

    private static async Task<IResult> Acknowledge(
        string tenant, string deviceId, string type, HttpContext http, DeviceRegistry registry, DeviceActivations devices, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant)
            || await registry.FindAsync(caller.Tenant, deviceId, cancellationToken) is not { } device || !caller.Oversees(tenant, device.BuildingId))
        {
            return TypedResults.NotFound();
        }

        var outcome = await devices.SendAsync(
            DeviceRegistry.Key(caller.Tenant, device.Id), (d, _) => d.AcknowledgeAlarm(type, caller.AccountId, time.GetUtcNow()), cancellationToken);
        return outcome.Value is { } step && step.State.Alarms.TryGetValue(type, out var alarm)
            ? TypedResults.Ok(new ActiveAlarmResponse(device.DeviceId, device.SchoolId, device.BuildingId, device.Room, AlarmResponse.From(alarm)))
            : outcome.Refusal!.ToProblem();
    }
}
