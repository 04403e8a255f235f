using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Rounds;

/// <summary>
/// What the county sets for a round: its criteria-at-deadline offerings (with the capacity and
/// grades their terms give), the deadline the run happens at, and how long a family has to
/// answer an offer.
/// </summary>
/// <param name="SchoolYearStart">The calendar year the school year starts in (2027 for 2027/28); decides the legal entitlement.</param>
[GenerateSerializer, Immutable, Alias("webkita.RoundTerms")]
public sealed record RoundTerms(
    string Title,
    int SchoolYearStart,
    DateTimeOffset Deadline,
    int OfferDays,
    IReadOnlyList<RoundTerms.Place> Offerings)
{
    public const int MaxOfferings = 1000;

    [GenerateSerializer, Immutable, Alias("webkita.RoundTerms.Place")]
    public sealed record Place(Guid OfferingId, Guid SchoolId, GradeRange Grades, int Capacity);

    public IReadOnlyList<FieldProblem> Problems()
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            problems.Add(new("title", "must be 1 to 200 characters"));
        }

        if (SchoolYearStart is < 2000 or > 2100)
        {
            problems.Add(new("schoolYearStart", "must be a year between 2000 and 2100"));
        }

        if (OfferDays is < 1 or > 60)
        {
            problems.Add(new("offerDays", "must be 1 to 60 days"));
        }

        if (Offerings.Count is < 1 or > MaxOfferings || Offerings.Select(o => o.OfferingId).Distinct().Count() != Offerings.Count)
        {
            problems.Add(new("offeringIds", $"must name 1 to {MaxOfferings} distinct offerings"));
        }

        return problems;
    }
}
