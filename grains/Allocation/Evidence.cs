namespace WebKita.Grains.Allocation;

/// <summary>
/// A family's claim that needs a document (employer's certificate, proof of single parenthood,
/// hardship). It earns points only once staff verified it, so an unchecked claim can never push
/// another child off a place.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Evidence")]
public sealed record Evidence(bool Verified)
{
    public static readonly Evidence Claimed = new(false);

    public static readonly Evidence VerifiedByStaff = new(true);
}
