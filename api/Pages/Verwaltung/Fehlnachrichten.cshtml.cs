using WebKita.Api.DeadLetters;
using WebKita.Api.Pages.Site;
using WebKita.Silo.Storage;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>Device messages the gateway refused, newest first, as GET /dead-letters shows them.</summary>
public sealed class FehlnachrichtenModel(SiteTenant site, IGrainStore store) : SitePage(site)
{
    public const int PageSize = 50;

    public IReadOnlyList<DeadLetterView> Letters { get; private set; } = [];

    public long? Older { get; private set; }

    public async Task OnGetAsync(long? vor, CancellationToken cancellationToken)
    {
        Letters = [.. (await store.ReadDeadLettersAsync(Site.Id.Value, vor, PageSize, cancellationToken)).Select(DeadLetterView.From)];
        Older = Letters.Count == PageSize ? Letters.Min(l => l.Sequence) : null;
    }
}
