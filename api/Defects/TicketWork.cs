using WebKita.Api.Accounts;
using WebKita.Api.Buildings;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Defects;

/// <summary>
/// Changes to a ticket by a facility manager or admin, for the JSON endpoints and the pages: only
/// tickets in the caller's buildings (others are refused as not found), audited under the caller.
/// </summary>
public sealed class TicketWork(TicketDesk desk)
{
    public Task<Outcome<DeskDecision>> ActAsync(Caller caller, int number, TicketAction action, string? note, int? duplicateOf, CancellationToken cancellationToken) =>
        ChangeAsync(caller, number, $"Ticket{action}", new ActOnTicket(action, note, duplicateOf), cancellationToken);

    public Task<Outcome<DeskDecision>> CommentAsync(Caller caller, int number, string text, CancellationToken cancellationToken) =>
        ChangeAsync(caller, number, "TicketComment", new CommentOnTicket(text), cancellationToken);

    public Task<Outcome<DeskDecision>> ChangeAsync(Caller caller, int number, string auditAction, TicketChange change, CancellationToken cancellationToken) =>
        desk.ChangeAsync(caller.Tenant, number, caller.OverseenBuildings(), change, new AuditedAction(caller.ToActor(), auditAction), cancellationToken);
}
