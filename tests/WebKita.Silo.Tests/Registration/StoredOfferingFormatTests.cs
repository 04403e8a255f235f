using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Tests.Registration;

/// <summary>Rows written before offers existed still read: no offer period means the default, no offers means none open.</summary>
public sealed class StoredOfferingFormatTests
{
    [Fact]
    public void Deserialize_OfferingStoredBeforeOffers_DefaultOfferPeriodAndNoOpenOffers()
    {
        const string stored = """
            {"tenant":"kreis-silo","id":"0ff00000-0000-4000-8000-0000000000aa",
             "terms":{"schoolId":"5c0a0000-0000-4000-8000-0000000000aa","title":"Modul 2","kind":"SchoolYearModule","capacity":2,
                      "window":{"opens":"2026-03-01T08:00:00+00:00","closes":"2026-03-15T08:00:00+00:00"},"grades":{"lowest":1,"highest":4},"mode":"FirstComeFirstServed"},
             "allocated":2,"arrivals":3,"waitlist":[],"phase":"Open"}
            """;

        var offering = GrainJson.Deserialize<Offering>(stored);

        offering.Terms.OfferDays.Should().Be(OfferingTerms.DefaultOfferDays);
        offering.Offers.Should().BeEmpty();
        offering.NextOfferExpiry.Should().BeNull();
    }

    [Fact]
    public void RoundTrip_OfferingWithAnOpenOffer_KeepsTheOffer()
    {
        var offering = Offering.Create(Silos.Tenant, Guid.NewGuid(), Silos.Terms(1)).Value!;
        var first = offering.Submit(null, Silos.Child(1), Silos.Opens).Value!;
        var second = first.Offering.Submit(null, Silos.Child(2), Silos.Opens).Value!;
        var freed = second.Offering.Withdraw(first.Application, Silos.Opens.AddHours(1)).Value!.Offering;
        var offered = freed.Offer(second.Application, Silos.Opens.AddHours(1));

        var read = GrainJson.Deserialize<Offering>(GrainJson.Serialize(offered.Offering));
        var application = GrainJson.Deserialize<Application>(GrainJson.Serialize(offered.Application));

        read.Offers.Should().Equal(offered.Offering.Offers);
        read.Should().BeEquivalentTo(offered.Offering);
        application.Should().Be(offered.Application);
    }
}
