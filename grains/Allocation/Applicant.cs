namespace WebKita.Grains.Allocation;

/// <summary>
/// One child's application as the allocation sees it at the deadline.
/// </summary>
/// <param name="SiblingGroupId">Shared by siblings who apply in the same round; null for a child applying alone.</param>
/// <param name="HasLegalEntitlement">Decided by the caller, usually with <see cref="LegalEntitlement.Applies"/>.</param>
/// <param name="Preferences">1 to <see cref="MaxPreferences"/> distinct offerings, best first.</param>
[GenerateSerializer, Immutable, Alias("webkita.Applicant")]
public sealed record Applicant(
    Guid ApplicationId,
    string ChildKey,
    Guid? SiblingGroupId,
    int Grade,
    bool HasLegalEntitlement,
    IReadOnlyList<Preference> Preferences,
    ApplicantFacts Facts)
{
    public const int MaxPreferences = 3;
}
