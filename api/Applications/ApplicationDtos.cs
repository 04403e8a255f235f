using WebKita.Grains.Applications;
using WebKita.Silo.Registration;

namespace WebKita.Api.Applications;

/// <summary>Why staff reject an application: required, 1 to 500 characters, shown to the family and audited.</summary>
public sealed record RejectionRequest(string? Reason);

public sealed record ChildRequest(string? FirstName, string? LastName, DateOnly? BirthDate, int? Grade);

/// <summary>
/// A family names a child of its account (<see cref="ChildId"/>) and the grade it will be in;
/// staff entering a paper application give the child's details (<see cref="Child"/>) and, if the
/// family has an account, its id (<see cref="FamilyId"/>), so the family sees the application.
/// </summary>
public sealed record ApplicationRequest(ChildRequest? Child, Guid? ChildId = null, int? Grade = null, Guid? FamilyId = null)
{
    public (Child? Child, Dictionary<string, string[]> Errors) ToChild()
    {
        var errors = new Dictionary<string, string[]>();
        var child = Child;
        if (child is null)
        {
            errors["child"] = ["is required"];
            return (null, errors);
        }

        if (string.IsNullOrWhiteSpace(child.FirstName) || child.FirstName.Length > 100)
        {
            errors["child.firstName"] = ["must be 1 to 100 characters"];
        }

        if (string.IsNullOrWhiteSpace(child.LastName) || child.LastName.Length > 100)
        {
            errors["child.lastName"] = ["must be 1 to 100 characters"];
        }

        if (child.BirthDate is not { Year: >= 2000 and <= 2100 })
        {
            errors["child.birthDate"] = ["is required, as yyyy-MM-dd"];
        }

        if (child.Grade is not (>= 1 and <= 13))
        {
            errors["child.grade"] = ["is required, 1 to 13"];
        }

        return errors.Count > 0 ? (null, errors) : (new Child(child.FirstName!, child.LastName!, child.BirthDate!.Value, child.Grade!.Value), errors);
    }
}

/// <summary>
/// An application as the family and staff see it. Never ambiguous: <see cref="WaitlistPosition"/>
/// only while waitlisted, <see cref="OfferExpiresAt"/> while offered (and, once expired, when it
/// lapsed), <see cref="Reason"/> when staff rejected it.
/// </summary>
public sealed record ApplicationResponse(
    Guid Id,
    Guid OfferingId,
    ApplicationStatus Status,
    int? WaitlistPosition,
    long Arrival,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ChangedAt,
    string ChildFirstName,
    string ChildLastName,
    int Grade,
    DateTimeOffset? OfferExpiresAt = null,
    string? Reason = null)
{
    public static ApplicationResponse From(Application a, int? waitlistPosition) => new(
        a.Id, a.OfferingId, a.Status, a.Status == ApplicationStatus.Waitlisted ? waitlistPosition : null, a.Arrival, a.SubmittedAt, a.ChangedAt,
        a.Child.FirstName, a.Child.LastName, a.Child.Grade,
        a.Status is ApplicationStatus.Offered or ApplicationStatus.Expired ? a.OfferExpiresAt : null,
        a.Status == ApplicationStatus.Rejected ? a.Reason : null);

    public static ApplicationResponse From(ApplicationView view) => From(view.Application, view.WaitlistPosition);
}
