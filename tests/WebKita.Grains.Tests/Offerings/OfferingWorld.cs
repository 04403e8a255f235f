using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

/// <summary>
/// An offering and its applications by child number, driven the way the silo drives them: after
/// every decision each free place is offered to the head of the waitlist, and the expiry
/// reminder expires every due offer. Collects every event the family would be told.
/// </summary>
internal sealed class OfferingWorld(Offering offering)
{
    private readonly Dictionary<int, Application> _applications = [];

    public Offering Offering { get; private set; } = offering;

    public List<DomainEvent> Events { get; } = [];

    public Application Of(int child) => _applications[child];

    public OfferingWorld Submit(int from, int to, DateTimeOffset now)
    {
        for (var n = from; n <= to; n++)
        {
            var booking = Offering.Submit(null, Examples.Child(n), now).Value!;
            Offering = booking.Offering;
            _applications[n] = booking.Application;
            Events.AddRange(booking.Events);
        }

        return this;
    }

    /// <summary>Applies a decision about child <paramref name="child"/>; refusals come back, successes are applied and the freed places offered on.</summary>
    public Refusal? Do(int child, Func<Offering, Application, Outcome<ApplicationChange>> decide, DateTimeOffset now)
    {
        var outcome = decide(Offering, Of(child));
        if (outcome.Value is { } change)
        {
            Apply(change);
            OfferFreePlaces(now);
        }

        return outcome.Refusal;
    }

    public void ChangeCapacity(int capacity, DateTimeOffset now)
    {
        Offering = Offering.ChangeTerms(Offering.Terms with { Capacity = capacity }).Value!;
        OfferFreePlaces(now);
    }

    /// <summary>What the offers-expire reminder does when it fires at <paramref name="now"/>.</summary>
    public void ExpireOffers(DateTimeOffset now)
    {
        foreach (var id in Offering.DueOffers(now))
        {
            Apply(Offering.Expire(_applications.Values.Single(a => a.Id == id), now));
        }

        OfferFreePlaces(now);
    }

    private void OfferFreePlaces(DateTimeOffset now)
    {
        while (Offering.NextOffer() is { } id)
        {
            Apply(Offering.Offer(_applications.Values.Single(a => a.Id == id), now));
        }
    }

    private void Apply(ApplicationChange change)
    {
        Offering = change.Offering;
        var child = _applications.Single(p => p.Value.Id == change.Application.Id).Key;
        _applications[child] = change.Application;
        Events.AddRange(change.Events);
    }
}
