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

    /// <summary>Decides one command; afterwards, if the earliest open offer's deadline moved, moves the offer-expiry reminder with it.</summary>
    public static async Task<(Refusal? Refusal, Guid? ApplicationId, bool Created)> DecideAsync(
        OfferingTurn turn, TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken)
    {
        var before = turn.Offering?.NextOfferExpiry;
        var outcome = await DecideCommandAsync(turn, tenant, offeringId, command, cancellationToken);

        // A fired expiry reminder is deleted with this turn's commit, so it is set again even
        // when the next deadline did not move; otherwise only a moved deadline is written.
        if (turn.Offering?.NextOfferExpiry is { } next && (next != before || command is ExpireOfferedPlaces))
        {
            turn.RemindersSet.Add(new Reminder(turn.Key, RegistrationDirectory.OffersExpireReminder, next));
        }

        return outcome;
    }

    private static async Task<(Refusal? Refusal, Guid? ApplicationId, bool Created)> DecideCommandAsync(
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
            case ExpireOfferedPlaces orphan when turn.Offering is null:
                turn.RemindersFired.Add(orphan.Fired);
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
                    await OfferFreePlacesAsync(turn, cancellationToken);
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
            case ApplicationDecision decision:
                return await DecideAboutAsync(turn, offeringId, decision, cancellationToken);
            case EraseApplication erase:
                if (await turn.ApplicationAsync(erase.ApplicationId, cancellationToken) is not { } held || held.OfferingId != offeringId
                    || erase.By?.MayActOn(held, turn.Offering.Terms.SchoolId) == false)
                {
                    return (ApplicationNotFound, null, false);
                }

                var erased = turn.Offering.Erase(held, turn.Now);
                if (erased.Value is { } anonymized)
                {
                    turn.Offering = anonymized.Offering;
                    turn.Put(anonymized.Application);
                    turn.Events.AddRange(anonymized.Events);
                }

                return (erased.Refusal, held.Id, false);
            case ExpireOfferedPlaces expire:
                turn.RemindersFired.Add(expire.Fired);
                var due = turn.Offering.DueOffers(turn.Now);
                await turn.PreloadAsync([.. due], cancellationToken);
                foreach (var dueId in due)
                {
                    var offered = Consistent(turn, turn.Current(dueId), ApplicationStatus.Offered);
                    Apply(turn, turn.Offering!.Expire(offered, turn.Now));
                }

                await OfferFreePlacesAsync(turn, cancellationToken);
                return (null, null, false);
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

    private static async Task<(Refusal? Refusal, Guid? ApplicationId, bool Created)> DecideAboutAsync(
        OfferingTurn turn, Guid offeringId, ApplicationDecision command, CancellationToken cancellationToken)
    {
        var offering = turn.Offering!;
        if (await turn.ApplicationAsync(command.ApplicationId, cancellationToken) is not { } application || application.OfferingId != offeringId
            || command.By?.MayActOn(application, offering.Terms.SchoolId) == false)
        {
            return (ApplicationNotFound, null, false);
        }

        if (command is AcceptOfferedPlace or DeclineOfferedPlace && command.By?.MayAnswerOfferOf(application.FamilyId) == false)
        {
            return (Actor.OfferIsTheFamilys, application.Id, false);
        }

        var decided = command switch
        {
            WithdrawApplication => offering.Withdraw(application, turn.Now),
            AcceptOfferedPlace => offering.Accept(application, turn.Now),
            DeclineOfferedPlace => offering.Decline(application, turn.Now),
            ConfirmAcceptedPlace => offering.Confirm(application, turn.Now),
            RejectApplicationAtOffering => offering.Reject(application, command.Reason, turn.Now),
            _ => throw new ArgumentException($"Unknown application decision {command.GetType().Name}.", nameof(command)),
        };
        if (decided.Value is not { } change)
        {
            return (decided.Refusal, application.Id, false);
        }

        Apply(turn, change);
        await OfferFreePlacesAsync(turn, cancellationToken);
        return (null, application.Id, false);
    }

    private static void Apply(OfferingTurn turn, ApplicationChange change)
    {
        if (change.Changed)
        {
            turn.Offering = change.Offering;
            turn.Put(change.Application);
            turn.Events.AddRange(change.Events);
        }
    }

    /// <summary>Every free place goes to the head of the waitlist as an offer, in arrival order, until no place or nobody is left.</summary>
    private static async Task OfferFreePlacesAsync(OfferingTurn turn, CancellationToken cancellationToken)
    {
        var offering = turn.Offering!;
        await turn.PreloadAsync([.. offering.Waitlist.Take(offering.FreePlaces)], cancellationToken);
        while (turn.Offering!.NextOffer() is { } id)
        {
            var waiting = Consistent(turn, await turn.ApplicationAsync(id, cancellationToken), ApplicationStatus.Waitlisted);
            Apply(turn, turn.Offering.Offer(waiting, turn.Now));
        }
    }

    /// <summary>
    /// Every change to an application commits with a new offering version, so an application that
    /// disagrees with the offering's waitlist or offers means this turn started from an offering
    /// state another process has since replaced: decide again on fresh state.
    /// </summary>
    private static Application Consistent(OfferingTurn turn, Application? application, ApplicationStatus expected) =>
        application is { } found && found.Status == expected ? found : throw new StaleWriteException(turn.Key, turn.OfferingVersion);

    private static void ScheduleWindow(OfferingTurn turn, TenantId tenant, Offering offering)
    {
        var key = new GrainKey(tenant.Value, GrainKinds.Offering, offering.Id);
        turn.RemindersSet.Add(new Reminder(key, OfferingActivation.OpensReminder, offering.Terms.Window.Opens));
        turn.RemindersSet.Add(new Reminder(key, OfferingActivation.ClosesReminder, offering.Terms.Window.Closes));
    }
}
