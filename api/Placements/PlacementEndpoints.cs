using WebKita.Api.Accounts;
using WebKita.Grains.Applications;
using WebKita.Grains.Schools;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Schools;

namespace WebKita.Api.Placements;

public static class PlacementEndpoints
{
    private static readonly IResult NoSuchSchool = TypedResults.Problem(statusCode: 404, title: "There is no such school.");

    /// <summary>
    /// Class lists name children, so only the school's own staff and the county see them; anyone
    /// else signed in gets 404, so nobody can probe which schools exist or hold placements.
    /// </summary>
    public static void MapPlacements(this RouteGroupBuilder tenant)
    {
        tenant.MapGet("/schools/{schoolId:guid}/placements.csv", ExportPlacements).WithTags("Placements").RequireAuthorization(Policies.Staff)
            .Produces(StatusCodes.Status200OK, contentType: PlacementCsv.ContentType);
        tenant.MapGet("/schools/{schoolId:guid}/occupancy", Occupancy).WithTags("Placements").RequireAuthorization(Policies.Staff).Produces<SchoolOccupancy>();
    }

    /// <summary>Every held place (offered, accepted, confirmed; the status column tells which), first come first served and in rounds.</summary>
    private static async Task<IResult> ExportPlacements(
        string tenant, Guid schoolId, HttpContext http, SchoolDirectory schools, RegistrationDirectory registration, RoundDirectory rounds,
        CancellationToken cancellationToken)
    {
        if (await ManagedSchoolAsync(tenant, schoolId, http, schools, cancellationToken) is not { } school)
        {
            return NoSuchSchool;
        }

        var inRounds = await RoundPlaces.AtSchoolAsync(school.Tenant, schoolId, rounds, cancellationToken);
        var rows = new List<PlacementRow>();
        foreach (var offering in await registration.ListOfferingsAsync(school.Tenant, schoolId, cancellationToken))
        {
            rows.AddRange((await registration.ListApplicationsAsync(school.Tenant, offering.Id, cancellationToken))
                .Where(v => v.Application.Status.HoldsPlace())
                .Select(v => PlacementRow.From(offering, v.Application)));
            rows.AddRange(inRounds[offering.Id].SelectMany(r => r.Holding).Select(a => PlacementRow.From(offering, a)));
        }

        return TypedResults.File(PlacementCsv.Write(PlacementRow.InClassListOrder(rows)), PlacementCsv.ContentType, PlacementCsv.FileName(school));
    }

    private static async Task<IResult> Occupancy(
        string tenant, Guid schoolId, HttpContext http, SchoolDirectory schools, OccupancyReader occupancy, CancellationToken cancellationToken) =>
        await ManagedSchoolAsync(tenant, schoolId, http, schools, cancellationToken) is { } school
            ? TypedResults.Ok(await occupancy.ReadAsync(school.Tenant, schoolId, cancellationToken))
            : NoSuchSchool;

    private static async Task<School?> ManagedSchoolAsync(string tenant, Guid schoolId, HttpContext http, SchoolDirectory schools, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.ManagesSchool(tenant, schoolId)
            ? await schools.FindAsync(caller.Tenant, schoolId, cancellationToken)
            : null;
}
