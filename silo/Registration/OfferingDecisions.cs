using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>
/// Applies one command to a turn: reads what the decision needs, calls the pure grain code, and
/// records its results. No decision is made here; this only wires grain methods together.
/// </summary>
internal static class OfferingDecisions
{
    private static readonly Refusal NotFound = new("offering.not_found", "There is no such offering.");
    private static readonly Refusal ApplicationNotFound = new("application.not_found", "There is no such application.");
    private static readonly Refusal ChildAppliedByAnother = new(
        "application.child_applied_by_another_account", "This child has an application from another account already; please contact the school.");
    private static readonly Refusal KeyReused = new("idempotency_key.reused", "This Idempotency-Key was used for a different application.");

    public static async Task<(Refusal? Refusal, Guid? ApplicationId, bool Created)> DecideAsync(
        OfferingTurn turn, TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case CreateOffering create when turn.Offering is null:
                var created = Offering.Create(tenant, offeringId, create.Terms);
                if (created.Value is { } fresh)
                {
                    turn.Offering = fresh;
                    ScheduleWindow(turn, tenant, fresh);
                }

                return (created.Refusal, null, created.Value is not null);
            case CreateOffering:
                return (new Refusal("offering.exists", $"Offering {offeringId} exists already."), null, false);
            case AdvanceRegistrationPhase orphan when turn.Offering is null:
                turn.RemindersFired.Add(orphan.Fired); // its offering is gone: stop it firing again
                return (null, null, false);
            case not null when turn.Offering is null:
                return (NotFound, null, false);
            case { By: { } actor } when !actor.MayActAt(turn.Offering.Terms.SchoolId):
                return (NotFound, null, false); // not "forbidden": nobody learns what exists at other schools
            case ChangeOfferingTerms change:
                var changed = turn.Offering.ChangeTerms(change.Terms);
                if (changed.Value is { } updated)
                {
                    turn.Offering = updated;
                    ScheduleWindow(turn, tenant, updated);
                    await FillFreePlacesAsync(turn, cancellationToken);
                }

                return (changed.Refusal, null, false);
            case SubmitApplication { IdempotencyKey: { } key } submit when turn.ApplicationWithAlias(key) is { } earlier:
                return earlier.OfferingId == offeringId && earlier.Child.Key == submit.Child.Key
                    ? (null, earlier.Id, false)
                    : (KeyReused, null, false);
            case SubmitApplication submit:
                var id = Application.IdFor(tenant, offeringId, submit.Child);
                var existing = await turn.ApplicationAsync(id, cancellationToken);
                if (existing is { FamilyId: { } owner } && submit.FamilyId is { } family && owner != family)
                {
                    return (ChildAppliedByAnother, null, false); // never show one family another's application
                }

                var booked = turn.Offering.Submit(existing, submit.Child, turn.Now, submit.FamilyId);
                if (booked.Value is not { } booking)
                {
                    return (booked.Refusal, null, false);
                }

                if (booking.Created)
                {
                    turn.Offering = booking.Offering;
                    turn.Put(booking.Application, submit.IdempotencyKey);
                    turn.Events.AddRange(booking.Events);
                }

                return (null, booking.Application.Id, booking.Created);
            case WithdrawApplication withdraw:
                if (await turn.ApplicationAsync(withdraw.ApplicationId, cancellationToken) is not { } application || application.OfferingId != offeringId
                    || withdraw.By?.MayActOn(application, turn.Offering.Terms.SchoolId) == false)
                {
                    return (ApplicationNotFound, null, false);
                }

                var withdrawal = turn.Offering.Withdraw(application, turn.Now).Value!;
                if (!ReferenceEquals(withdrawal.Application, application))
                {
                    turn.Offering = withdrawal.Offering;
                    turn.Put(withdrawal.Application);
                    turn.Events.AddRange(withdrawal.Events);
                    await FillFreePlacesAsync(turn, cancellationToken);
                }

                return (null, application.Id, false);
            case EraseApplication erase:
                if (await turn.ApplicationAsync(erase.ApplicationId, cancellationToken) is not { } held || held.OfferingId != offeringId
                    || erase.By?.MayActOn(held, turn.Offering.Terms.SchoolId) == false)
                {
                    return (ApplicationNotFound, null, false);
                }

                if (held.Status is ApplicationStatus.Waitlisted or ApplicationStatus.Submitted)
                {
                    var left = turn.Offering.Withdraw(held, turn.Now).Value!;
                    turn.Offering = left.Offering;
                    turn.Events.AddRange(left.Events);
                    held = left.Application;
                }

                var erased = held.ErasePersonalData(turn.Now);
                if (erased.Value is { } anonymous)
                {
                    turn.Put(anonymous);
                }

                return (erased.Refusal, held.Id, false);
            case AdvanceRegistrationPhase advance:
                var (advanced, events) = turn.Offering.AdvancePhase(turn.Now);
                turn.Offering = advanced;
                turn.Events.AddRange(events);
                turn.RemindersFired.Add(advance.Fired);
                return (null, null, false);
            default:
                throw new ArgumentException($"Unknown offering command {command?.GetType().Name}.", nameof(command));
        }
    }

    private static async Task FillFreePlacesAsync(OfferingTurn turn, CancellationToken cancellationToken)
    {
        var (filled, promoted) = turn.Offering!.FillFreePlaces();
        turn.Offering = filled;
        await turn.PreloadAsync(promoted, cancellationToken);
        foreach (var id in promoted)
        {
            var waiting = turn.Current(id) ?? throw new InvalidOperationException($"Waitlisted application {id} of offering {filled.Id} is missing from the store.");
            var (allocated, promotedEvent) = Offering.Promote(waiting, turn.Now);
            turn.Put(allocated);
            turn.Events.Add(promotedEvent);
        }
    }

    private static void ScheduleWindow(OfferingTurn turn, TenantId tenant, Offering offering)
    {
        var key = new GrainKey(tenant.Value, GrainKinds.Offering, offering.Id);
        turn.RemindersSet.Add(new Reminder(key, OfferingActivation.OpensReminder, offering.Terms.Window.Opens));
        turn.RemindersSet.Add(new Reminder(key, OfferingActivation.ClosesReminder, offering.Terms.Window.Closes));
    }
}
