namespace WebKita.Grains.Rounds;

[GenerateSerializer, Alias("webkita.EvidenceKind")]
public enum EvidenceKind
{
    /// <summary>A guardian's employment or training; <see cref="EvidenceItem.Guardian"/> says which (0-based).</summary>
    Guardian,
    SingleParent,
    Hardship,
}

/// <summary>One claim of an application that staff checked against a document.</summary>
[GenerateSerializer, Immutable, Alias("webkita.EvidenceItem")]
public sealed record EvidenceItem(EvidenceKind Kind, int? Guardian = null);
