using WebKita.Api.Accounts;
using WebKita.Api.Buildings;
using WebKita.Api.Problems;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Accounts;
using WebKita.Silo.Defects;

namespace WebKita.Api.Defects;

public static class TicketEndpoints
{
    private static readonly Dictionary<string, TicketAction> Actions = new(StringComparer.Ordinal)
    {
        ["acknowledge"] = TicketAction.Acknowledge,
        ["start"] = TicketAction.Start,
        ["resolve"] = TicketAction.Resolve,
        ["close"] = TicketAction.Close,
        ["reject"] = TicketAction.Reject,
        ["duplicate"] = TicketAction.MarkDuplicate,
    };

    public static void MapTickets(this RouteGroupBuilder tenant)
    {
        // Facility managers work on the tickets of their buildings; the county admin on all.
        // A ticket outside the caller's buildings answers 404, like one that does not exist.
        var tickets = tenant.MapGroup("/tickets").WithTags("Tickets");
        tickets.MapGet("/", List).RequireAuthorization(Policies.FacilityOrAdmin).Produces<TicketResponse[]>();
        tickets.MapGet("/{number:int}", Get).RequireAuthorization(Policies.FacilityOrAdmin).Produces<TicketResponse>();
        tickets.MapPost("/{number:int}/status", ChangeStatus).RequireAuthorization(Policies.FacilityOrAdmin).Produces<TicketResponse>();
        tickets.MapPut("/{number:int}/assignee", Assign).RequireAuthorization(Policies.FacilityOrAdmin).Produces<TicketResponse>();
        tickets.MapPost("/{number:int}/comments", Comment).RequireAuthorization(Policies.FacilityOrAdmin).Produces<TicketResponse>();
    }

    private static async Task<IResult> List(string tenant, Guid? buildingId, bool? open, HttpContext http, TicketDesk desk, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant) || (buildingId is { } only && !caller.Oversees(tenant, only)))
        {
            return TypedResults.NotFound();
        }

        var rooms = await desk.ListAsync(new TenantId(tenant), buildingId, cancellationToken);
        return TypedResults.Ok(rooms.Where(r => caller.Oversees(tenant, r.BuildingId))
            .SelectMany(r => r.Tickets.Where(t => open != true || t.IsOpen).Select(t => TicketResponse.From(r, t)))
            .OrderBy(t => t.Number)
            .ToArray());
    }

    private static async Task<IResult> Get(string tenant, int number, HttpContext http, TicketDesk desk, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant)
            && await desk.FindAsync(new TenantId(tenant), number, cancellationToken) is { } found && caller.Oversees(tenant, found.Room.BuildingId)
            ? TypedResults.Ok(TicketResponse.From(found.Room, found.Ticket))
            : TypedResults.NotFound();

    private static async Task<IResult> ChangeStatus(string tenant, int number, TicketStatusRequest request, HttpContext http, TicketWork work, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        if (!Actions.TryGetValue(request.Action ?? "", out var action))
        {
            return RefusalResults.Invalid("action", $"must be one of {string.Join(", ", Actions.Keys)}");
        }

        return Answer(await work.ActAsync(caller, number, action, request.Note, request.DuplicateOf, cancellationToken));
    }

    private static async Task<IResult> Assign(
        string tenant, int number, AssigneeRequest request, HttpContext http, TicketWork work, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        if (request.AccountId is { } assignee
            && await accounts.FindAsync(new TenantId(tenant), assignee, cancellationToken) is not { Role: Role.FacilityManager or Role.CountyAdmin, IsDeleted: false })
        {
            return RefusalResults.Invalid("accountId", "must be a facility manager or admin of the tenant");
        }

        return Answer(await work.ChangeAsync(caller, number, "TicketAssign", new AssignTicket(request.AccountId), cancellationToken));
    }

    private static async Task<IResult> Comment(string tenant, int number, CommentRequest request, HttpContext http, TicketWork work, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant)
            ? Answer(await work.CommentAsync(caller, number, request.Text ?? "", cancellationToken))
            : TypedResults.NotFound();

    private static IResult Answer(Outcome<DeskDecision> outcome) =>
        outcome.Value is { } decision ? TypedResults.Ok(TicketResponse.From(decision.State, decision.Ticket)) : outcome.Refusal!.ToProblem();
}
