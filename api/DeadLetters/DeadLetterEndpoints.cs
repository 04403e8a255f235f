using WebKita.Api.Accounts;
using WebKita.Silo.Storage;

namespace WebKita.Api.DeadLetters;

public static class DeadLetterEndpoints
{
    public static void MapDeadLetters(this RouteGroupBuilder tenant) =>
        tenant.MapGet("/dead-letters", Read).WithTags("Devices").RequireAuthorization(Policies.CountyAdmin).Produces<DeadLetterView[]>();

    /// <summary>
    /// Device messages of the tenant's devices that the gateway refused, newest first; page with
    /// <c>before</c> = the smallest sequence seen. Letters of devices nobody registered carry no
    /// tenant and are not listed here (they are in the store for operators).
    /// </summary>
    private static async Task<IResult> Read(string tenant, long? before, int? limit, HttpContext http, IGrainStore store, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var letters = await store.ReadDeadLettersAsync(tenant, before, Math.Clamp(limit ?? 100, 1, 1000), cancellationToken);
        return TypedResults.Ok(letters.Select(DeadLetterView.From).ToArray());
    }
}
