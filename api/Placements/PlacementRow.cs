using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;

namespace WebKita.Api.Placements;

/// <summary>One child with a place, as a class list shows it.</summary>
public sealed record PlacementRow(
    string OfferingTitle, string LastName, string FirstName, DateOnly BirthDate, int Grade, ApplicationStatus Status, long Arrival, DateTimeOffset SubmittedAt)
{
    public static PlacementRow From(Offering offering, Application application) => new(
        offering.Terms.Title, application.Child.LastName, application.Child.FirstName, application.Child.BirthDate, application.Child.Grade,
        application.Status, application.Arrival, application.SubmittedAt);

    /// <summary>A place held in an allocation round; its arrival number counts within the round.</summary>
    public static PlacementRow From(Offering offering, RankedApplication application) => new(
        offering.Terms.Title, application.Child.LastName, application.Child.FirstName, application.Child.BirthDate, application.Child.Grade,
        application.Status, application.Arrival, application.SubmittedAt);

    /// <summary>By offering, last name, first name as a German list sorts them; birth date and arrival make the order total.</summary>
    public static IReadOnlyList<PlacementRow> InClassListOrder(IEnumerable<PlacementRow> rows) =>
        [.. rows.OrderBy(r => r.OfferingTitle, GermanNameOrder.Instance)
            .ThenBy(r => r.LastName, GermanNameOrder.Instance)
            .ThenBy(r => r.FirstName, GermanNameOrder.Instance)
            .ThenBy(r => r.BirthDate)
            .ThenBy(r => r.Arrival)];
}
