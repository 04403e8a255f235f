namespace WebKita.Silo.Registration;

/// <summary>
/// One offering with its applications, keyed by the offering's id and its tenant
/// (<c>GetGrain&lt;IOfferingGrain&gt;(id, tenant)</c>). Orleans keeps one activation in the
/// cluster, so every process's callers meet in the same group commit.
/// </summary>
[Alias("webkita.IOfferingGrain")]
public interface IOfferingGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Decides a command; answers only after its effects are committed (see <see cref="OfferingActivation"/>).</summary>
    [Alias("Send")]
    Task<OfferingReply> SendAsync(OfferingCommand command);
}
