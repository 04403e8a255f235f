namespace WebKita.Silo.Rounds;

/// <summary>
/// One allocation round with its ranked applications, keyed by the round's id and its tenant
/// (<c>GetGrain&lt;IRoundGrain&gt;(id, tenant)</c>): one activation in the cluster.
/// </summary>
[Alias("webkita.IRoundGrain")]
public interface IRoundGrain : IGrainWithGuidCompoundKey
{
    /// <summary>Decides a command; answers only after its effects are committed (see <see cref="RoundActivation"/>).</summary>
    [Alias("Send")]
    Task<RoundReply> SendAsync(RoundCommand command);
}
