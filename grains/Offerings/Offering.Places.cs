using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>
/// Offers, answers and staff decisions for first-come-first-served places. Every change that
/// frees a place leaves it free in the returned offering; <see cref="NextOffer"/> then names the
/// head of the waitlist (arrival order) and <see cref="Offer"/> offers it the place, until no
/// place or nobody is left. Repeating a decision that already took effect changes nothing, so a
/// retried request is harmless.
/// </summary>
public sealed partial record Offering
{
    private static readonly Refusal NotOffered = new("application.not_offered", "There is no open offer for this application.");

    /// <summary>The application first in line for a free place, or null when there is no free place or nobody waits.</summary>
    public Guid? NextOffer() =>
        Terms.Mode == AllocationMode.FirstComeFirstServed && FreePlaces > 0 && !Waitlist.IsEmpty ? Waitlist[0] : null;

    /// <summary>The earliest deadline of an open offer: when the offer-expiry reminder must fire next.</summary>
    public DateTimeOffset? NextOfferExpiry => Offers.IsEmpty ? null : Offers.Min(o => o.ExpiresAt);

    /// <summary>The applications whose offers are past their deadline at <paramref name="now"/>.</summary>
    public IReadOnlyList<Guid> DueOffers(DateTimeOffset now) => [.. Offers.Where(o => o.ExpiresAt <= now).Select(o => o.ApplicationId)];

    /// <summary>Offers the free place to the application <see cref="NextOffer"/> named; it holds the place until the offer's deadline.</summary>
    public ApplicationChange Offer(Application waiting, DateTimeOffset now)
    {
        if (waiting.Status != ApplicationStatus.Waitlisted || NextOffer() != waiting.Id)
        {
            throw new ArgumentException($"Application {waiting.Id} is {waiting.Status} and not next in line for a free place of offering {Id}.", nameof(waiting));
        }

        var expires = now.AddDays(Terms.OfferDays);
        var offered = waiting with { Status = ApplicationStatus.Offered, OfferExpiresAt = expires, ChangedAt = now };
        var offering = this with
        {
            Waitlist = Waitlist.RemoveAt(0),
            Allocated = Allocated + 1,
            Offers = Offers.Add(new OpenOffer(waiting.Id, expires)),
        };
        return ApplicationChange.Of(offering, offered, "application.offered", now);
    }

    /// <summary>The family takes the offered place. An offer past its deadline cannot be accepted, even before the reminder expired it.</summary>
    public Outcome<ApplicationChange> Accept(Application application, DateTimeOffset now) => Own(application).Status switch
    {
        ApplicationStatus.Accepted or ApplicationStatus.Confirmed => Unchanged(application),
        ApplicationStatus.Offered when now >= application.OfferExpiresAt =>
            new Refusal("offer.expired", $"The offer expired at {application.OfferExpiresAt:O}."),
        ApplicationStatus.Offered => ApplicationChange.Of(
            this with { Offers = Offers.RemoveAll(o => o.ApplicationId == application.Id) },
            application with { Status = ApplicationStatus.Accepted, ChangedAt = now },
            "application.accepted",
            now),
        _ => NotOffered,
    };

    /// <summary>The family turns the offered place down; it goes to the next in line.</summary>
    public Outcome<ApplicationChange> Decline(Application application, DateTimeOffset now) => Own(application).Status switch
    {
        ApplicationStatus.Declined => Unchanged(application),
        ApplicationStatus.Offered => Free(application, ApplicationStatus.Declined, null, now),
        _ => NotOffered,
    };

    /// <summary>
    /// Takes an application back, whatever it holds or waits for; a held place goes to the next in
    /// line. An application that already ended (withdrawn, declined, expired, rejected) stays as it is.
    /// </summary>
    public Outcome<ApplicationChange> Withdraw(Application application, DateTimeOffset now) =>
        Own(application).Status.IsActive()
            ? Free(application, ApplicationStatus.Withdrawn, null, now)
            : Unchanged(application);

    /// <summary>Fired by the offer-expiry reminder: an unanswered offer past its deadline frees its place.</summary>
    public ApplicationChange Expire(Application application, DateTimeOffset now) =>
        Own(application).Status == ApplicationStatus.Offered && application.OfferExpiresAt <= now
            ? Free(application, ApplicationStatus.Expired, null, now)
            : Unchanged(application);

    /// <summary>Staff confirm an accepted place in writing; only now is it a contract.</summary>
    public Outcome<ApplicationChange> Confirm(Application application, DateTimeOffset now) => Own(application).Status switch
    {
        ApplicationStatus.Confirmed => Unchanged(application),
        ApplicationStatus.Accepted => ApplicationChange.Of(this, application with { Status = ApplicationStatus.Confirmed, ChangedAt = now }, "application.confirmed", now),
        var status => new Refusal("application.not_accepted", $"Only an accepted place can be confirmed; this application is {status}."),
    };

    /// <summary>
    /// Staff reject with a reason the family is shown; a place it held or was offered goes to the
    /// next in line. A confirmed place is a contract and ends only by withdrawal.
    /// </summary>
    public Outcome<ApplicationChange> Reject(Application application, string? reason, DateTimeOffset now)
    {
        var given = reason?.Trim() ?? "";
        return Own(application).Status switch
        {
            _ when RejectionReason.Problem(given) is { } refusal => refusal,
            ApplicationStatus.Rejected => Unchanged(application),
            ApplicationStatus.Confirmed => new Refusal("application.confirmed", "A confirmed place is a contract; only the family can withdraw it."),
            var status when status.IsActive() => Free(application, ApplicationStatus.Rejected, given, now),
            var status => new Refusal("application.ended", $"The application ended already ({status})."),
        };
    }

    /// <summary>
    /// The family's data erased (account deletion): an application that only waits is withdrawn
    /// first, which frees no place; one that holds or is offered a place is refused.
    /// </summary>
    public Outcome<ApplicationChange> Erase(Application application, DateTimeOffset now)
    {
        var left = Own(application).Status is ApplicationStatus.Waitlisted or ApplicationStatus.Submitted
            ? Free(application, ApplicationStatus.Withdrawn, null, now)
            : Unchanged(application);
        var erased = left.Application.ErasePersonalData(now);
        return erased.Value is { } anonymous ? left with { Application = anonymous } : erased.Refusal!;
    }

    private ApplicationChange Free(Application application, ApplicationStatus status, string? reason, DateTimeOffset now)
    {
        var offering = application.Status switch
        {
            ApplicationStatus.Waitlisted => this with { Waitlist = Waitlist.Remove(application.Id) },
            ApplicationStatus.Offered => this with { Allocated = Allocated - 1, Offers = Offers.RemoveAll(o => o.ApplicationId == application.Id) },
            var held when held.HoldsPlace() => this with { Allocated = Allocated - 1 },
            _ => this,
        };
        var ended = application with { Status = status, Reason = reason, ChangedAt = now };
        return ApplicationChange.Of(offering, ended, $"application.{status.ToString().ToLowerInvariant()}", now);
    }

    private Application Own(Application application) => application.OfferingId == Id
        ? application
        : throw new ArgumentException($"Application {application.Id} belongs to offering {application.OfferingId}, not {Id}.", nameof(application));

    private ApplicationChange Unchanged(Application application) => new(this, application, []);
}
