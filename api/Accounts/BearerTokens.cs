using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace WebKita.Api.Accounts;

/// <summary>
/// Issues the bearer token of a sign-in. The framework's sign-in answer also carries a refresh
/// token, for which this api has no endpoint: it is not issued at all. A client signs in again
/// when its token expires (<see cref="SignInTokenResponse.ExpiresIn"/> seconds). Thread-safe.
/// </summary>
public sealed class BearerTokens(IOptionsMonitor<BearerTokenOptions> options, TimeProvider time)
{
    public SignInTokenResponse Issue(ClaimsPrincipal principal)
    {
        var settings = options.Get(BearerTokenDefaults.AuthenticationScheme);
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + settings.BearerTokenExpiration };
        var ticket = new AuthenticationTicket(principal, properties, $"{BearerTokenDefaults.AuthenticationScheme}:AccessToken");
        return new SignInTokenResponse("Bearer", settings.BearerTokenProtector.Protect(ticket), (long)settings.BearerTokenExpiration.TotalSeconds);
    }
}
