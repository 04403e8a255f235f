using System.Text.Json.Serialization;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;

namespace WebKita.Silo.Rounds;

/// <summary>
/// What the round decided about an application, stored apart from what the family stated (see
/// <see cref="RankedApplicationRows"/>). Kept small: absent values are left out and the ranking is
/// a flat array.
/// </summary>
internal sealed record ApplicationStanding(
    ApplicationStatus Status,
    DateTimeOffset ChangedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? OfferingId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? OfferExpiresAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonConverter(typeof(CompactRunRankingConverter))] RunRanking? Ranking)
{
    public static ApplicationStanding Of(RankedApplication application) => new(
        application.Status, application.ChangedAt, application.OfferingId, application.OfferExpiresAt, application.Reason, application.Ranking);

    public RankedApplication On(RankedApplication application) => application with
    {
        Status = Status, ChangedAt = ChangedAt, OfferingId = OfferingId, OfferExpiresAt = OfferExpiresAt, Reason = Reason, Ranking = Ranking,
    };
}
