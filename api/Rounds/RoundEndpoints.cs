using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Silo.Rounds;

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

    private static async Task<IResult> Create(string tenant, RoundRequest request, HttpContext http, RoundSetup setup, CancellationToken cancellationToken)
    {
        var result = await setup.CreateAsync(Caller.From(http.User)!, request, cancellationToken);
        return result switch
        {
            { Errors.Count: > 0 } => RefusalResults.Invalid(result.Errors.ToDictionary()),
            { Refusal: { } refusal } => refusal.ToProblem(),
            _ => TypedResults.Created($"/api/v1/tenants/{tenant}/rounds/{result.Value!.Id}", RoundResponse.From(result.Value)),
        };
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

    private static async Task<IResult> Simulate(Guid roundId, SimulationRequest request, HttpContext http, RoundSetup setup, CancellationToken cancellationToken) =>
        await setup.SimulateAsync(Caller.From(http.User)!, roundId, request.Seed, request.RulesVersion, cancellationToken) switch
        {
            null => NotFound,
            { Errors.Count: > 0 } result => RefusalResults.Invalid(result.Errors.ToDictionary()),
            { Refusal: { } refusal } => refusal.ToProblem(),
            var result => TypedResults.Ok(SimulationResponse.From(result.Value!)),
        };
}
