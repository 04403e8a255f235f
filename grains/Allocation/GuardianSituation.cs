namespace WebKita.Grains.Allocation;

/// <summary>One guardian's activity and the evidence for it; one activity per guardian, so points do not stack.</summary>
[GenerateSerializer, Immutable, Alias("webkita.GuardianSituation")]
public sealed record GuardianSituation(GuardianActivity Activity, Evidence Evidence);
