using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;

namespace WebKita.Grains.Rounds;

/// <summary>What a family (or staff, for a paper application) submits to a round.</summary>
/// <param name="Preferences">1 to <see cref="Applicant.MaxPreferences"/> distinct offerings of the round, best first.</param>
/// <param name="SiblingGroupId">The same value for siblings applying in this round, so they can be kept together.</param>
[GenerateSerializer, Immutable, Alias("webkita.ApplicationForm")]
public sealed record ApplicationForm(
    Child Child,
    IReadOnlyList<Guid> Preferences,
    ApplicantFacts Facts,
    Guid? SiblingGroupId,
    Guid? FamilyId);
