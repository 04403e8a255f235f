namespace WebKita.Grains.Allocation;

/// <summary>One offering a family asks for; its position in <see cref="Applicant.Preferences"/> is the family's rank.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Preference")]
public sealed record Preference(Guid OfferingId, Guid SchoolId);
