using WebKita.Grains.Offerings;

namespace WebKita.Api.Offerings;

/// <summary>
/// What staff send to create or change an offering. Nullable so a missing field is a field error,
/// not a crash. <see cref="Reason"/> goes to the audit log. <see cref="OfferDays"/> is how long a
/// family has to answer when a place freed after the opening rush is offered to it (default 7;
/// a PUT replaces the terms, so leaving it out sets the default again).
/// </summary>
public sealed record OfferingRequest(
    Guid? SchoolId,
    string? Title,
    OfferingKind? Kind,
    int? Capacity,
    DateTimeOffset? OpensAt,
    DateTimeOffset? ClosesAt,
    int? LowestGrade,
    int? HighestGrade,
    AllocationMode? Mode,
    string? Reason = null,
    int? OfferDays = null)
{
    public (OfferingTerms? Terms, Dictionary<string, string[]> Errors) ToTerms()
    {
        var errors = new Dictionary<string, string[]>();
        void Require(object? value, string field)
        {
            if (value is null)
            {
                errors[field] = ["is required"];
            }
        }

        Require(SchoolId, "schoolId");
        Require(Title, "title");
        Require(Capacity, "capacity");
        Require(OpensAt, "opensAt");
        Require(ClosesAt, "closesAt");
        Require(LowestGrade, "lowestGrade");
        Require(HighestGrade, "highestGrade");
        return errors.Count > 0
            ? (null, errors)
            : (new OfferingTerms(
                SchoolId!.Value,
                Title!,
                Kind ?? OfferingKind.SchoolYearModule,
                Capacity!.Value,
                new RegistrationWindow(OpensAt!.Value.ToUniversalTime(), ClosesAt!.Value.ToUniversalTime()),
                new GradeRange(LowestGrade!.Value, HighestGrade!.Value),
                Mode ?? AllocationMode.FirstComeFirstServed,
                OfferDays ?? OfferingTerms.DefaultOfferDays), errors);
    }
}

public sealed record OfferingResponse(
    Guid Id,
    Guid SchoolId,
    string Title,
    OfferingKind Kind,
    int Capacity,
    DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt,
    int LowestGrade,
    int HighestGrade,
    AllocationMode Mode,
    RegistrationPhase Phase,
    int Allocated,
    int FreePlaces,
    int Waitlisted,
    int OfferDays,
    int OpenOffers)
{
    /// <summary>The offering as of <paramref name="now"/>: families see the phase the window gives, not the last one a reminder recorded.</summary>
    public static OfferingResponse From(Offering o, DateTimeOffset now) => new(
        o.Id, o.Terms.SchoolId, o.Terms.Title, o.Terms.Kind, o.Terms.Capacity, o.Terms.Window.Opens, o.Terms.Window.Closes,
        o.Terms.Grades.Lowest, o.Terms.Grades.Highest, o.Terms.Mode, o.PhaseAt(now), o.Allocated, o.FreePlaces, o.Waitlist.Count,
        o.Terms.OfferDays, o.Offers.Count);
}
