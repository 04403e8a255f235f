using WebKita.Api.Pages.Site;
using WebKita.Silo.Storage;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>Every staff or admin change, newest first, read as GET /audit reads it; older pages by the smallest sequence seen.</summary>
public sealed class ProtokollModel(SiteTenant site, IGrainStore store) : SitePage(site)
{
    public const int PageSize = 50;

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public long? Older { get; private set; }

    public async Task OnGetAsync(long? vor, CancellationToken cancellationToken)
    {
        Entries = await store.ReadAuditAsync(Site.Id.Value, vor, PageSize, cancellationToken);
        Older = Entries.Count == PageSize ? Entries.Min(e => e.Sequence) : null;
    }
}
