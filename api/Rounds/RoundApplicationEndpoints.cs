using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Rounds;

/// <summary>
/// Ranked applications: families apply, answer offers and withdraw; staff list, confirm, reject,
/// verify evidence and override ranks. What a caller may not see answers 404, like a missing id.
/// </summary>
public static class RoundApplicationEndpoints
{
    private static readonly IResult NotFound = new Refusal("application.not_found", "There is no such application.").ToProblem();

    public static void MapRoundApplications(this RouteGroupBuilder rounds)
    {
        var applications = rounds.MapGroup("/{roundId:guid}/applications");
        applications.MapPost("/", Submit).RequireAuthorization(Policies.FamilyOrStaff).RequireRateLimiting(RateLimits.Submit)
            .Produces<RankedApplicationResponse>(StatusCodes.Status201Created).Produces<RankedApplicationResponse>();
        applications.MapGet("/", List).RequireAuthorization(Policies.Staff).Produces<RankedApplicationResponse[]>();
        applications.MapGet("/{id:guid}", Get).RequireAuthorization(Policies.FamilyOrStaff).Produces<RankedApplicationResponse>();
        MapDecision(applications, "accept", id => new AcceptOffer(id), Policies.FamilyOrStaff);
        MapDecision(applications, "decline", id => new DeclineOffer(id), Policies.FamilyOrStaff);
        MapDecision(applications, "withdraw", id => new WithdrawRankedApplication(id), Policies.FamilyOrStaff);
        MapDecision(applications, "confirm", id => new ConfirmPlace(id), Policies.Staff);
        applications.MapPost("/{id:guid}/reject", Reject).RequireAuthorization(Policies.Staff).Produces<RankedApplicationResponse>();
        applications.MapPost("/{id:guid}/evidence", Verify).RequireAuthorization(Policies.Staff).Produces<RankedApplicationResponse>();
        applications.MapPost("/{id:guid}/waitlist-position", Move).RequireAuthorization(Policies.Staff).Produces<RankedApplicationResponse>();
    }

    /// <summary>POST .../{id}/{action}: a decision about one application that needs nothing but its id.</summary>
    private static void MapDecision(RouteGroupBuilder applications, string action, Func<Guid, ApplicationCommand> command, string policy) =>
        applications.MapPost($"/{{id:guid}}/{action}", (Guid roundId, Guid id, HttpContext http, RoundDirectory rounds, CancellationToken ct) =>
            DecideAsync(roundId, command(id), http, rounds, ct)).RequireAuthorization(policy).Produces<RankedApplicationResponse>();

    /// <summary>201 for a new application, 200 when the key or the child already had one (several devices, retries).</summary>
    private static async Task<IResult> Submit(
        string tenant, Guid roundId, RankedApplicationRequest request, HttpRequest http, RoundApplicationDesk desk,
        CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.HttpContext.User)!;
        var (key, problem) = IdempotencyKey.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        if (key is null)
        {
            return RefusalResults.Invalid(IdempotencyKey.Header, "is required for a submission, so that a retry cannot create a second application");
        }

        var (reply, errors) = await desk.SubmitAsync(caller, roundId, key, request, cancellationToken);
        if (reply is null)
        {
            return RefusalResults.Invalid(errors);
        }

        if (reply.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var response = RankedApplicationResponse.From(reply.Application!, reply.Round);
        return reply.Created
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/rounds/{roundId}/applications/{response.Id}", response)
            : TypedResults.Ok(response);
    }

    /// <summary>Staff see the applications that ask for a place at one of their schools; filter by school, offering and status.</summary>
    private static async Task<IResult> List(
        Guid roundId, Guid? schoolId, Guid? offeringId, ApplicationStatus? status, HttpContext http, RoundApplicationDesk desk, CancellationToken cancellationToken) =>
        await desk.ListForStaffAsync(Caller.From(http.User)!, roundId, schoolId, offeringId, status, cancellationToken) is var (round, applications)
            ? TypedResults.Ok(applications.Select(a => RankedApplicationResponse.From(a, round)).ToArray())
            : new Refusal("round.not_found", "There is no such round.").ToProblem();

    private static async Task<IResult> Get(string tenant, Guid roundId, Guid id, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var round = await rounds.FindRoundAsync(caller.Tenant, roundId, cancellationToken);
        var application = await rounds.FindApplicationAsync(caller.Tenant, id, cancellationToken);
        return round is not null && application is not null && application.RoundId == roundId && MaySee(caller, tenant, application, round)
            ? TypedResults.Ok(RankedApplicationResponse.From(application, round))
            : NotFound;
    }

    private static Task<IResult> Reject(Guid roundId, Guid id, ReasonRequest request, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken) =>
        DecideAsync(roundId, new RejectApplication(id) { Reason = request.Reason }, http, rounds, cancellationToken);

    private static Task<IResult> Verify(Guid roundId, Guid id, EvidenceRequest request, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken) =>
        request.Kind is { } kind
            ? DecideAsync(roundId, new VerifyEvidence(id, new EvidenceItem(kind, request.Guardian)), http, rounds, cancellationToken)
            : Task.FromResult(RefusalResults.Invalid("kind", "is required: Guardian, SingleParent or Hardship"));

    private static Task<IResult> Move(Guid roundId, Guid id, WaitlistMoveRequest request, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken) =>
        request is { OfferingId: { } offeringId, Position: { } position }
            ? DecideAsync(roundId, new MoveOnWaitlist(id, offeringId, position) { Reason = request.Reason?.Trim() }, http, rounds, cancellationToken)
            : Task.FromResult(RefusalResults.Invalid("position", "offeringId and position are required"));

    /// <summary>The round decides, in its turn, whether the caller may act on the application (refused as not found otherwise).</summary>
    private static async Task<IResult> DecideAsync(Guid roundId, ApplicationCommand command, HttpContext http, RoundDirectory rounds, CancellationToken cancellationToken)
    {
        var caller = Caller.From(http.User)!;
        var reply = await rounds.SendAsync(caller.Tenant, roundId, command with { By = caller.ToActor() }, cancellationToken);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(RankedApplicationResponse.From(reply.Application!, reply.Round));
    }

    private static bool MaySee(Caller caller, string tenant, RankedApplication application, AllocationRound round) => caller.Role switch
    {
        Role.Family => application.FamilyId == caller.AccountId,
        _ => application.Preferences.Any(p => round.Offering(p) is { } o && caller.ManagesSchool(tenant, o.SchoolId)),
    };
}
