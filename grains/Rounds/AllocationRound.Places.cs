using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Rounds;

/// <summary>
/// Offers, answers and staff decisions after the run. Every change that frees a place leaves it
/// free in the returned round; <see cref="NextOffer"/> then names who gets it, and
/// <see cref="Offer"/> makes the offer. Repeating a decision that already took effect changes
/// nothing, so a retried request is harmless.
/// </summary>
public sealed partial record AllocationRound
{
    private static readonly Refusal NotOffered = new("application.not_offered", "There is no open offer for this application.");

    /// <summary>The head of the first waitlist with a free place, or null when nobody can be offered one.</summary>
    public (Guid OfferingId, Guid ApplicationId)? NextOffer()
    {
        if (Phase != RoundPhase.Allocated)
        {
            return null;
        }

        var offering = Offerings.Find(o => o.FreePlaces > 0 && o.Waitlist.Count > 0);
        return offering is null ? null : (offering.OfferingId, offering.Waitlist[0]);
    }

    /// <summary>Offers the place named by <see cref="NextOffer"/>; the child leaves every waitlist, so it holds one offer at a time.</summary>
    public RoundChange Offer(RankedApplication waiting, Guid offeringId, DateTimeOffset now)
    {
        if (waiting.Status != ApplicationStatus.Waitlisted || Offering(offeringId)?.Waitlist.FirstOrDefault() != waiting.Id)
        {
            throw new ArgumentException($"Application {waiting.Id} is {waiting.Status} and not first on the waitlist of offering {offeringId}.", nameof(waiting));
        }

        var expires = now.AddDays(OfferDays);
        var offered = waiting with { Status = ApplicationStatus.Offered, OfferingId = offeringId, OfferExpiresAt = expires, ChangedAt = now };
        var round = LeaveWaitlists(waiting) with
        {
            NextOfferExpiry = NextOfferExpiry is { } next && next <= expires ? next : expires,
        };
        round = round.ChangeHeld(offeringId, +1);
        return RoundChange.Of(round, offered, "application.offered", now);
    }

    public Outcome<RoundChange> Accept(RankedApplication application, DateTimeOffset now) => application.Status switch
    {
        ApplicationStatus.Accepted or ApplicationStatus.Confirmed => Unchanged(),
        ApplicationStatus.Offered when now >= application.OfferExpiresAt =>
            new Refusal("offer.expired", $"The offer expired at {application.OfferExpiresAt:O}."),
        ApplicationStatus.Offered => RoundChange.Of(this, application with { Status = ApplicationStatus.Accepted, ChangedAt = now }, "application.accepted", now),
        _ => NotOffered,
    };

    public Outcome<RoundChange> Decline(RankedApplication application, DateTimeOffset now) => application.Status switch
    {
        ApplicationStatus.Declined => Unchanged(),
        ApplicationStatus.Offered => Free(application, ApplicationStatus.Declined, null, now),
        _ => NotOffered,
    };

    /// <summary>The family takes the application back, whatever it holds; a held place goes on.</summary>
    public RoundChange Withdraw(RankedApplication application, DateTimeOffset now) =>
        application.Status.IsActive() ? Free(application, ApplicationStatus.Withdrawn, null, now) : new RoundChange(this, [], []);

    /// <summary>
    /// The family's data erased (account deletion): a waiting application leaves its waitlists
    /// first, so erasing never leaves a nameless child waiting; one that holds or is offered a place is refused.
    /// </summary>
    public Outcome<RoundChange> Erase(RankedApplication application, DateTimeOffset now)
    {
        var withdrawn = application.Status is ApplicationStatus.Submitted or ApplicationStatus.Waitlisted
            ? Withdraw(application, now)
            : new RoundChange(this, [], []);
        var erased = (withdrawn.Changed.Count > 0 ? withdrawn.Changed[0] : application).ErasePersonalData(now);
        return erased.Value is { } anonymous ? new RoundChange(withdrawn.Round, [anonymous], withdrawn.Events) : erased.Refusal!;
    }

    /// <summary>Fired by the offer-expiry reminder: an unanswered offer past its deadline frees its place.</summary>
    public RoundChange Expire(RankedApplication application, DateTimeOffset now) =>
        application.Status == ApplicationStatus.Offered && application.OfferExpiresAt <= now
            ? Free(application, ApplicationStatus.Expired, null, now)
            : new RoundChange(this, [], []);

    /// <summary>After the expiry reminder handled every due offer: when the next open offer expires.</summary>
    public AllocationRound WithNextOfferExpiry(DateTimeOffset? next) => this with { NextOfferExpiry = next };

    /// <summary>Staff confirm an accepted place in writing; only now is it a contract.</summary>
    public Outcome<RoundChange> Confirm(RankedApplication application, DateTimeOffset now) => application.Status switch
    {
        ApplicationStatus.Confirmed => Unchanged(),
        ApplicationStatus.Accepted => RoundChange.Of(this, application with { Status = ApplicationStatus.Confirmed, ChangedAt = now }, "application.confirmed", now),
        _ => new Refusal("application.not_accepted", $"Only an accepted place can be confirmed; this application is {application.Status}."),
    };

    /// <summary>Staff reject with a reason the family is shown. A confirmed place is a contract and ends only by withdrawal.</summary>
    public Outcome<RoundChange> Reject(RankedApplication application, string reason, DateTimeOffset now) => application.Status switch
    {
        _ when RejectionReason.Problem(reason) is { } refusal => refusal,
        ApplicationStatus.Rejected => Unchanged(),
        ApplicationStatus.Confirmed => new Refusal("application.confirmed", "A confirmed place is a contract; the family withdraws it."),
        var status when status.IsActive() => Free(application, ApplicationStatus.Rejected, reason.Trim(), now),
        var status => new Refusal("application.ended", $"The application ended already ({status})."),
    };

    /// <summary>Raising fills from the waitlist (through <see cref="NextOffer"/>); lowering never takes a held place away.</summary>
    public Outcome<AllocationRound> ChangeCapacity(Guid offeringId, int capacity)
    {
        if (Offering(offeringId) is not { } offering)
        {
            return new Refusal("offering.not_in_round", $"Offering {offeringId} is not part of this round.");
        }

        return capacity is < 0 or > OfferingTerms.MaxCapacity
            ? new Refusal("offering.invalid", "The capacity is not valid.", [new FieldProblem("capacity", $"must be between 0 and {OfferingTerms.MaxCapacity}")])
            : Outcome<AllocationRound>.Done(Replace(offering with { Capacity = capacity }));
    }

    /// <summary>Staff move a waiting child to another position (a case the statute did not foresee); the reason goes to the audit log.</summary>
    public Outcome<AllocationRound> MoveOnWaitlist(RankedApplication application, Guid offeringId, int position)
    {
        var offering = Offering(offeringId);
        var index = offering?.Waitlist.IndexOf(application.Id) ?? -1;
        if (offering is null || index < 0)
        {
            return new Refusal("application.not_waiting", "The application does not wait at this offering.");
        }

        var target = Math.Clamp(position, 1, offering.Waitlist.Count) - 1;
        return Outcome<AllocationRound>.Done(Replace(offering with { Waitlist = offering.Waitlist.RemoveAt(index).Insert(target, application.Id) }));
    }

    private RoundChange Free(RankedApplication application, ApplicationStatus status, string? reason, DateTimeOffset now)
    {
        var round = application.Status switch
        {
            ApplicationStatus.Waitlisted => LeaveWaitlists(application),
            var held when held.HoldsPlace() && application.OfferingId is { } offeringId => ChangeHeld(offeringId, -1),
            _ => this,
        };
        var ended = application with { Status = status, Reason = reason, ChangedAt = now };
        return RoundChange.Of(round, ended, $"application.{status.ToString().ToLowerInvariant()}", now);
    }

    private AllocationRound LeaveWaitlists(RankedApplication application) => this with
    {
        Offerings = [.. Offerings.Select(o => application.Preferences.Contains(o.OfferingId) ? o with { Waitlist = o.Waitlist.Remove(application.Id) } : o)],
    };

    private AllocationRound ChangeHeld(Guid offeringId, int by)
    {
        var offering = Offering(offeringId) ?? throw new ArgumentException($"Offering {offeringId} is not part of round {Id}.", nameof(offeringId));
        return Replace(offering with { Held = offering.Held + by });
    }

    private AllocationRound Replace(RoundOffering offering) =>
        this with { Offerings = Offerings.SetItem(Offerings.FindIndex(o => o.OfferingId == offering.OfferingId), offering) };

    private RoundChange Unchanged() => new(this, [], []);
}
