using System.Security.Cryptography;
using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Statutes;

namespace WebKita.Api.Rounds;

/// <summary>Allocation rounds: the county sets them up; everyone may see them; staff change capacities and run dry runs.</summary>
public static class RoundEndpoints
{
    private static readonly IResult NotFound = new Refusal("round.not_found", "There is no such round.").ToProblem();

    public static void MapRounds(this RouteGroupBuilder tenant)
    {
        var rounds = tenant.MapGroup("/rounds").WithTags("Rounds");
        rounds.MapPost("/", Create).RequireAuthorization(Policies.CountyAdmin).Produces<RoundResponse>(StatusCodes.Status201Created);
        rounds.MapGet("/", List).AllowAnonymous().Produces<RoundResponse[]>();
        rounds.MapGet("/{roundId:guid}", Get).AllowAnonymous().Produces<RoundResponse>();
        rounds.MapPut("/{roundId:guid}/offerings/{offeringId:guid}/capacity", ChangeCapacity).RequireAuthorization(Policies.Staff).Produces<RoundResponse>();
        rounds.MapPost("/{roundId:guid}/simulations", Simulate).RequireAuthorization(Policies.Staff).Produces<SimulationResponse>();
        rounds.MapRoundApplications();
    }

    /// <summary>The round takes its offerings' capacities and grades as they are now; from here on the round owns their places.</summary>
    private static async Task<IResult> Create(
        string tenant, RoundRequest request, HttpContext http, RoundDirectory rounds, RegistrationDirectory registration, StatuteDirectory statutes,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (request is not { Title: { } title, SchoolYearStart: { } year, Deadline: { } deadline, OfferingIds: { } offeringIds })
        {
            return RefusalResults.Invalid("round", "needs title, schoolYearStart, deadline and offeringIds");
        }

        if (await statutes.FindAsync(caller.Tenant, cancellationToken) is null)
        {
            return new Refusal("statute.not_found", "Enact the county's statute first: a round is ranked by it.").ToProblem();
        }

        var places = new List<RoundTerms.Place>();
        foreach (var (offeringId, index) in offeringIds.Distinct().Select((id, i) => (id, i)))
        {
            var offering = await registration.FindOfferingAsync(caller.Tenant, offeringId, cancellationToken);
            if (offering is not { Terms.Mode: AllocationMode.CriteriaAtDeadline })
            {
                return RefusalResults.Invalid($"offeringIds[{index}]", "must be an offering of this tenant allocated by criteria at a deadline");
            }

            places.Add(new(offeringId, offering.Terms.SchoolId, offering.Terms.Grades, offering.Terms.Capacity));
        }

        var id = Guid.CreateVersion7();
        var terms = new RoundTerms(title, year, deadline, request.OfferDays ?? 7, places);
        var reply = await rounds.SendAsync(caller.Tenant, id, new CreateRound(terms) { By = caller.ToActor() }, cancellationToken);
        return reply.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/v1/tenants/{tenant}/rounds/{id}", RoundResponse.From(reply.Round!));
    }

    private static async Task<IResult> List(string tenant, RoundDirectory rounds, CancellationToken cancellationToken) =>
        TypedResults.Ok((await rounds.ListRoundsAsync(new TenantId(tenant), cancellationToken)).Select(RoundResponse.From).ToArray());

    private static async Task<IResult> Get(string tenant, Guid roundId, RoundDirectory rounds, CancellationToken cancellationToken) =>
        await rounds.FindRoundAsync(new TenantId(tenant), roundId, cancellationToken) is { } round ? TypedResults.Ok(RoundResponse.From(round)) : NotFound;

    /// <summary>Raising a capacity offers the new places to the waitlist at once; lowering never takes a place away.</summary>
    private static async Task<IResult> ChangeCapacity(
        string tenant, Guid roundId, Guid offeringId, CapacityRequest request, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        if (request.Capacity is not { } capacity)
        {
            return RefusalResults.Invalid("capacity", "is required");
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return RefusalResults.Invalid("reason", "is required: capacity changes are audited");
        }

        var caller = Caller.From(http.User)!;
        var command = new ChangeRoundCapacity(offeringId, capacity) { By = caller.ToActor(), Reason = request.Reason.Trim() };
        var reply = await rounds.SendAsync(caller.Tenant, roundId, command, cancellationToken);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(RoundResponse.From(reply.Round!));
    }

    /// <summary>A dry run changes nothing. Without a seed a fresh one is drawn and returned, so the dry run itself can be repeated.</summary>
    private static async Task<IResult> Simulate(
        string tenant, Guid roundId, SimulationRequest request, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        if (await rounds.FindRoundAsync(caller.Tenant, roundId, cancellationToken) is not { } round
            || (caller.Role != Grains.Accounts.Role.CountyAdmin && !round.Offerings.Any(o => caller.ManagesSchool(tenant, o.SchoolId))))
        {
            return NotFound;
        }

        var seed = string.IsNullOrWhiteSpace(request.Seed) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : request.Seed.Trim();
        if (seed.Length > 200)
        {
            return RefusalResults.Invalid("seed", "must be at most 200 characters");
        }

        var result = await rounds.SimulateAsync(caller.Tenant, roundId, seed, request.RulesVersion, cancellationToken);
        return result.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(SimulationResponse.From(result.Value!));
    }
}
