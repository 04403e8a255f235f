using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Silo.Alarms;

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

    private static async Task<IResult> ListAlarms(string tenant, HttpContext http, AlarmDesk desk, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant)
            ? TypedResults.Ok((await desk.ListAsync(caller, cancellationToken)).ToArray())
            : TypedResults.NotFound();

    private static async Task<IResult> Acknowledge(string tenant, string deviceId, string type, HttpContext http, AlarmDesk desk, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant)
            || await desk.AcknowledgeAsync(caller, deviceId, type, cancellationToken) is not { } outcome)
        {
            return TypedResults.NotFound();
        }

        return outcome.Value is { } alarm ? TypedResults.Ok(alarm) : outcome.Refusal!.ToProblem();
    }
}
