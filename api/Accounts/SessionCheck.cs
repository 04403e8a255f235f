using System.Globalization;
using System.Security.Claims;
using WebKita.Silo.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>
/// A server-side check of every signed-in request, bearer token or cookie: the account must still
/// exist, not be erased, and its <see cref="Grains.Accounts.Account.SessionGeneration"/> must be
/// the one the token was issued under (a password change and erasure raise it: every session
/// ends), and the token's session must not have been signed out. Revoked tokens stop working at
/// once on every api process (instead of living up to an hour).
/// A revoked caller continues as anonymous and gets 401 where a sign-in is needed. Asks the
/// account's grain (one activation in the cluster, which every sign-out goes through), so an
/// active account costs no database read per signed-in request.
/// </summary>
public static class SessionCheck
{
    public static IApplicationBuilder UseSessionCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Caller.From(context.User) is { } caller)
        {
            var accounts = context.RequestServices.GetRequiredService<AccountDirectory>();
            var issuedUnder = int.TryParse(context.User.FindFirstValue(Caller.SessionClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : 0;
            if (await accounts.FindLiveAsync(caller.Tenant, caller.AccountId, context.RequestAborted) is not { IsDeleted: false } account
                || account.SessionGeneration != issuedUnder
                || (Guid.TryParse(context.User.FindFirstValue(Caller.SessionIdClaim), out var session) && account.EndedSessions.Contains(session)))
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }
        }

        await next(context);
    });
}
