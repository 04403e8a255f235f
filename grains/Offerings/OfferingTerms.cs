using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>What staff set for an offering; everything else in <see cref="Offering"/> follows from applications.</summary>
/// <param name="OfferDays">
/// How long a family has to answer when a place freed after the opening rush is offered to it
/// (first come, first served). A week by default, as for the county's rounds: long enough for a
/// family on holiday to read its mail, short enough that the next family is not kept waiting.
/// </param>
[GenerateSerializer, Immutable, Alias("webkita.OfferingTerms")]
public sealed record OfferingTerms(
    Guid SchoolId,
    string Title,
    OfferingKind Kind,
    int Capacity,
    RegistrationWindow Window,
    GradeRange Grades,
    AllocationMode Mode,
    int OfferDays = OfferingTerms.DefaultOfferDays)
{
    public const int MaxCapacity = 10_000;

    public const int DefaultOfferDays = 7;

    public const int MaxOfferDays = 60;

    /// <summary>Every field's problem at once, so a form can show them all.</summary>
    public IReadOnlyList<FieldProblem> Problems()
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            problems.Add(new("title", "must be 1 to 200 characters"));
        }

        if (Capacity is < 0 or > MaxCapacity)
        {
            problems.Add(new("capacity", $"must be between 0 and {MaxCapacity}"));
        }

        if (Window.Closes <= Window.Opens)
        {
            problems.Add(new("window", "must close after it opens"));
        }

        if (Grades.Lowest < 1 || Grades.Highest > 13 || Grades.Lowest > Grades.Highest)
        {
            problems.Add(new("grades", "must be a range within 1 to 13 with lowest <= highest"));
        }

        if (OfferDays is < 1 or > MaxOfferDays)
        {
            problems.Add(new("offerDays", $"must be 1 to {MaxOfferDays} days"));
        }

        return problems;
    }
}
