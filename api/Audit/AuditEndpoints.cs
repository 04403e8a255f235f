using WebKita.Api.Accounts;
using WebKita.Silo.Storage;

namespace WebKita.Api.Audit;

public static class AuditEndpoints
{
    public static void MapAudit(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/audit", Read).WithTags("Audit").RequireAuthorization(Policies.CountyAdmin).Produces<Silo.Storage.AuditEntry[]>();

    /// <summary>Newest first; page with <c>before</c> = the smallest sequence seen.</summary>
    private static async Task<IResult> Read(string tenant, long? before, int? limit, HttpContext http, IGrainStore store, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant)
            ? TypedResults.Ok(await store.ReadAuditAsync(tenant, before, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken))
            : TypedResults.NotFound();
}
