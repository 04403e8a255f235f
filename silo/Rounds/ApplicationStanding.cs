using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;

namespace WebKita.Silo.Rounds;

/// <summary>What the round decided about an application, stored apart from what the family stated (see <see cref="RankedApplicationRows"/>).</summary>
internal sealed record ApplicationStanding(
    ApplicationStatus Status, DateTimeOffset ChangedAt, Guid? OfferingId, DateTimeOffset? OfferExpiresAt, string? Reason, RunRanking? Ranking)
{
    public static ApplicationStanding Of(RankedApplication application) => new(
        application.Status, application.ChangedAt, application.OfferingId, application.OfferExpiresAt, application.Reason, application.Ranking);

    public RankedApplication On(RankedApplication application) => application with
    {
        Status = Status, ChangedAt = ChangedAt, OfferingId = OfferingId, OfferExpiresAt = OfferExpiresAt, Reason = Reason, Ranking = Ranking,
    };
}
