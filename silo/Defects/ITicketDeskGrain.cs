using WebKita.Grains.Common;

namespace WebKita.Silo.Defects;

/// <summary>
/// The tickets of one tenant, keyed by the tenant (<c>GetGrain&lt;ITicketDeskGrain&gt;(tenant)</c>).
/// Orleans keeps one activation in the cluster, so the api, every gateway and the reminders meet in
/// one queue that hands out the tenant's ticket numbers.
/// </summary>
[Alias("webkita.ITicketDeskGrain")]
public interface ITicketDeskGrain : IGrainWithStringKey
{
    /// <summary>Decides a command; answers only after its effects are committed.</summary>
    [Alias("Send")]
    Task<Outcome<DeskDecision>> SendAsync(DeskCommand command);
}
