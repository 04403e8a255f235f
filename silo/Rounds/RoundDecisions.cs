using System.Security.Cryptography;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// Applies one command to a turn: reads what the decision needs, calls the pure round, records
/// the results, and afterwards offers every freed place to the next in line. No decision is made
/// here.
/// </summary>
internal static class RoundDecisions
{
    private static readonly Refusal NotFound = new("round.not_found", "There is no such round.");
    private static readonly Refusal ApplicationNotFound = new("application.not_found", "There is no such application.");
    private static readonly Refusal OfferingNotFound = new("offering.not_found", "There is no such offering in this round.");
    private static readonly Refusal KeyReused = new("idempotency_key.reused", "This Idempotency-Key was used for a different application.");
    private static readonly Refusal ChildAppliedByAnother = new(
        "application.child_applied_by_another_account", "This child has an application from another account already; please contact the school.");

    /// <param name="rules">The statute in force, read before the turn: only the run needs it.</param>
    public static async Task<(Refusal? Refusal, Guid? ApplicationId, bool Created)> DecideAsync(
        RoundTurn turn, TenantId tenant, Guid roundId, RoundCommand command, StatuteRules? rules, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case CreateRound create when turn.Round is null:
                var created = AllocationRound.Create(tenant, roundId, create.Terms);
                if (created.Value is { } fresh)
                {
                    turn.Round = fresh;
                    turn.RemindersSet.Add(new Reminder(turn.Key, RoundDirectory.DeadlineReminder, fresh.Deadline));
                }

                return (created.Refusal, null, created.Value is not null);
            case CreateRound:
                return (new Refusal("round.exists", $"Round {roundId} exists already."), null, false);
            case RunAllocation { Fired: var orphan } when turn.Round is null:
                turn.RemindersFired.Add(orphan); // its round is gone: stop it firing again
                return (null, null, false);
            case ExpireOffers { Fired: var orphan } when turn.Round is null:
                turn.RemindersFired.Add(orphan);
                return (null, null, false);
            case not null when turn.Round is null:
                return (NotFound, null, false);
            case SubmitRankedApplication { IdempotencyKey: { } key } submit when await turn.ApplicationWithAliasAsync(key, cancellationToken) is { } earlier:
                return earlier.Child.Key == submit.Form.Child.Key ? (null, earlier.Id, false) : (KeyReused, null, false);
            case SubmitRankedApplication submit:
                if (submit.By is { } by && submit.Form.Preferences.Any(p => turn.Round.Offering(p) is { } o && !by.MayActAt(o.SchoolId)))
                {
                    return (OfferingNotFound, null, false); // as for offerings: nobody learns what exists at other schools
                }

                var id = RankedApplication.IdFor(tenant, roundId, submit.Form.Child);
                var existing = await turn.ApplicationAsync(id, cancellationToken);
                if (existing is { FamilyId: { } owner } && submit.Form.FamilyId is { } family && owner != family)
                {
                    return (ChildAppliedByAnother, null, false);
                }

                var submitted = turn.Round.Submit(existing, submit.Form, turn.Now);
                if (submitted.Value is not { } change)
                {
                    return (submitted.Refusal, null, false);
                }

                turn.Apply(change, submit.IdempotencyKey);
                return (null, id, change.Changed.Count > 0);
            case ApplicationCommand about:
                return await DecideAboutAsync(turn, about, cancellationToken);
            case ChangeRoundCapacity capacity:
                if (turn.Round.Offering(capacity.OfferingId) is { } place && capacity.By?.MayActAt(place.SchoolId) == false)
                {
                    return (OfferingNotFound, null, false);
                }

                var resized = turn.Round.ChangeCapacity(capacity.OfferingId, capacity.Capacity);
                turn.Round = resized.Value ?? turn.Round;
                return (resized.Refusal, null, false);
            case RunAllocation run:
                turn.RemindersFired.Add(run.Fired);
                var all = await turn.AllApplicationsAsync(cancellationToken);
                var seed = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                if (rules is null)
                {
                    throw new InvalidOperationException($"Round {roundId} of {tenant} cannot run: the tenant has no statute. Enact one; the reminder fires again.");
                }

                if (turn.Round.Allocate(all, rules, seed, turn.Now) is { } allocated)
                {
                    turn.Apply(allocated);
                    SetOfferExpiry(turn, null);
                }

                return (null, null, false);
            case ExpireOffers expire:
                turn.RemindersFired.Add(expire.Fired);
                foreach (var offered in (await turn.AllApplicationsAsync(cancellationToken)).Where(a => a.OfferExpiresAt <= turn.Now))
                {
                    turn.Apply(turn.Round.Expire(offered, turn.Now));
                }

                await OfferFreePlacesAsync(turn, cancellationToken);
                var next = (await turn.AllApplicationsAsync(cancellationToken))
                    .Where(a => a.Status == ApplicationStatus.Offered).Min(a => a.OfferExpiresAt);
                turn.Round = turn.Round.WithNextOfferExpiry(next);
                SetOfferExpiry(turn, null);
                return (null, null, false);
            default:
                throw new ArgumentException($"Unknown round command {command?.GetType().Name}.", nameof(command));
        }
    }

    private static async Task<(Refusal? Refusal, Guid? ApplicationId, bool Created)> DecideAboutAsync(RoundTurn turn, ApplicationCommand command, CancellationToken cancellationToken)
    {
        var round = turn.Round!;
        if (await turn.ApplicationAsync(command.ApplicationId, cancellationToken) is not { } application || !MayActOn(command.By, application, round))
        {
            return (ApplicationNotFound, null, false);
        }

        if (command is AcceptOffer or DeclineOffer && command.By?.MayAnswerOfferOf(application.FamilyId) == false)
        {
            return (Actor.OfferIsTheFamilys, application.Id, false);
        }

        var decided = command switch
        {
            AcceptOffer => round.Accept(application, turn.Now),
            DeclineOffer => round.Decline(application, turn.Now),
            WithdrawRankedApplication => round.Withdraw(application, turn.Now),
            EraseRankedApplication => round.Erase(application, turn.Now),
            ConfirmPlace => round.Confirm(application, turn.Now),
            RejectApplication => round.Reject(application, command.Reason ?? "", turn.Now),
            VerifyEvidence verify => Single(round, round.VerifyEvidence(application, verify.Item, turn.Now)),
            MoveOnWaitlist move when string.IsNullOrWhiteSpace(move.Reason) =>
                new Refusal("reason.required", "Overriding a rank needs a reason for the audit log.", [new FieldProblem("reason", "is required")]),
            MoveOnWaitlist move => RoundOnly(round.MoveOnWaitlist(application, move.OfferingId, move.Position)),
            _ => throw new ArgumentException($"Unknown application command {command.GetType().Name}.", nameof(command)),
        };
        if (decided.Value is not { } change)
        {
            return (decided.Refusal, application.Id, false);
        }

        turn.Apply(change);
        await OfferFreePlacesAsync(turn, cancellationToken);
        return (null, application.Id, false);
    }

    private static Outcome<RoundChange> RoundOnly(Outcome<AllocationRound> changed) =>
        changed.Value is { } round ? new RoundChange(round, [], []) : changed.Refusal!;

    private static Outcome<RoundChange> Single(AllocationRound round, Outcome<RankedApplication> changed) =>
        changed.Value is { } application ? new RoundChange(round, [application], []) : changed.Refusal!;

    /// <summary>Families act on their own applications; staff on those that ask for a place at one of their schools.</summary>
    private static bool MayActOn(Actor? actor, RankedApplication application, AllocationRound round) => actor switch
    {
        null => true,
        { Role: Grains.Accounts.Role.Family } => application.FamilyId == actor.AccountId,
        _ => application.Preferences.Any(p => round.Offering(p) is { } o && actor.MayActAt(o.SchoolId)),
    };

    /// <summary>Every free place goes to the head of its waitlist as an offer, until no place or nobody is left.</summary>
    public static async Task OfferFreePlacesAsync(RoundTurn turn, CancellationToken cancellationToken)
    {
        var before = turn.Round!.NextOfferExpiry;
        while (turn.Round!.NextOffer() is var (offeringId, applicationId))
        {
            var waiting = await turn.ApplicationAsync(applicationId, cancellationToken)
                ?? throw new InvalidOperationException($"Waitlisted application {applicationId} of round {turn.Round.Id} is missing from the store.");
            if (waiting.Status != ApplicationStatus.Waitlisted)
            {
                // Every change to an application commits with a new round version, so an application
                // that disagrees with the round's waitlist means this turn started from a round state
                // another process has since replaced: decide again on fresh state.
                throw new StaleWriteException(turn.Key, turn.RoundVersion);
            }

            turn.Apply(turn.Round.Offer(waiting, offeringId, turn.Now));
        }

        SetOfferExpiry(turn, before);
    }

    private static void SetOfferExpiry(RoundTurn turn, DateTimeOffset? before)
    {
        if (turn.Round!.NextOfferExpiry is { } next && next != before)
        {
            turn.RemindersSet.Add(new Reminder(turn.Key, RoundDirectory.OfferExpiryReminder, next));
        }
    }
}
