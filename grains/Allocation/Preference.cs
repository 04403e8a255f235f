namespace WebKita.Grains.Allocation;

/// <summary>One offering a family asks for; its position in <see cref="Applicant.Preferences"/> is the family's rank.</summary>
public sealed record Preference(Guid OfferingId, Guid SchoolId);
