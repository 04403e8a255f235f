namespace WebKita.Grains.Allocation;

/// <summary>
/// What the statute's criteria are decided on. Catchment areas and siblings already attending
/// come from the county's own records (address, enrolment), so they need no evidence.
/// </summary>
/// <param name="SingleParent">Null when not claimed.</param>
/// <param name="Hardship">Null when not claimed.</param>
[GenerateSerializer, Immutable, Alias("webkita.ApplicantFacts")]
public sealed record ApplicantFacts(
    IReadOnlyList<GuardianSituation> Guardians,
    Evidence? SingleParent,
    Evidence? Hardship,
    IReadOnlyList<Guid> CatchmentSchools,
    IReadOnlyList<Guid> SchoolsWithSiblingAttending)
{
    public static readonly ApplicantFacts None = new([], null, null, [], []);
}
