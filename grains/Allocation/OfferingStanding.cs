namespace WebKita.Grains.Allocation;

/// <summary>
/// Where an applicant stood at one offering it asked for.
/// </summary>
/// <param name="Choice">The family's rank for this offering, 1 for the first choice.</param>
/// <param name="Rank">1-based position among all <paramref name="Applicants"/> who asked for the offering, by points then lottery.</param>
/// <param name="CutOff">Null when the offering admitted nobody within its capacity.</param>
/// <param name="Admitted">Whether the applicant holds a place here (within or above capacity).</param>
[GenerateSerializer, Immutable, Alias("webkita.OfferingStanding")]
public sealed record OfferingStanding(
    Guid OfferingId,
    Guid SchoolId,
    int Choice,
    Score Score,
    int Rank,
    int Applicants,
    int Capacity,
    CutOff? CutOff,
    bool Admitted);
