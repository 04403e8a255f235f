using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using WebKita.Api.Problems;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using SignInResult = WebKita.Grains.Accounts.SignInResult;

namespace WebKita.Api.Accounts;

public static class AccountEndpoints
{
    private static readonly IResult Refused = TypedResults.Problem(
        statusCode: 401, title: "E-mail or password is not right.",
        detail: $"After {Account.MaxFailedSignIns} failed attempts in a row, sign-in is refused for {Account.LockoutDuration.TotalMinutes:0} minutes even with the right password.",
        extensions: new Dictionary<string, object?> { ["code"] = "sign_in.refused" });

    public static void MapAccounts(this RouteGroupBuilder tenant)
    {
        var auth = tenant.MapGroup("/auth").WithTags("Accounts");
        auth.MapPost("/register", Register).AllowAnonymous().RequireRateLimiting(RateLimits.Register).Produces<RegistrationResponse>(StatusCodes.Status202Accepted);
        auth.MapPost("/sign-in", SignIn).AllowAnonymous().RequireRateLimiting(RateLimits.SignIn).Produces<SignInTokenResponse>();
        auth.MapPost("/sign-out", SignOut).RequireAuthorization(Policies.SignedIn);

        var me = tenant.MapGroup("/me").WithTags("Accounts");
        me.MapGet("/", Me).RequireAuthorization(Policies.SignedIn).Produces<AccountResponse>();
        me.MapPut("/password", ChangePassword).RequireAuthorization(Policies.SignedIn).Produces(StatusCodes.Status204NoContent);
        me.MapPut("/family", SetFamily).RequireAuthorization(Policies.Family).Produces<AccountResponse>()
            .WithDescription("Guardians and children. The server assigns children's ids: an id that is not already one of this account's children (absent, made up or another family's) is replaced by a new one; read the ids from the answer.");

        var staff = tenant.MapGroup("/accounts").WithTags("Accounts").RequireAuthorization(Policies.CountyAdmin);
        staff.MapPost("/", CreateStaff).Produces<AccountResponse>(StatusCodes.Status201Created);
        staff.MapGet("/", List).Produces<AccountResponse[]>();
    }

    /// <summary>
    /// 202 with the same answer whether or not the e-mail already has an account, so nobody can
    /// probe which e-mails are registered (<see cref="PasswordSignIn.RegisterFamilyAsync"/>).
    /// </summary>
    private static async Task<IResult> Register(string tenant, RegisterRequest request, PasswordSignIn signIn, CancellationToken cancellationToken) =>
        await signIn.RegisterFamilyAsync(new TenantId(tenant), request.Email, request.Password, request.DisplayName, cancellationToken) is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Accepted($"/api/v1/tenants/{tenant}/auth/sign-in", RegistrationResponse.Received);

    /// <summary>
    /// <c>?useCookies=true</c> signs a browser in with a cookie; otherwise the answer carries a
    /// bearer token. Unknown e-mail, wrong password and erased account get the same answer.
    /// </summary>
    private static async Task<IResult> SignIn(
        string tenant, SignInRequest request, bool? useCookies, PasswordSignIn signIn, BearerTokens tokens, CancellationToken cancellationToken)
    {
        var (account, result) = await signIn.SignInAsync(new TenantId(tenant), request.Email, request.Password, cancellationToken);
        return result switch
        {
            SignInResult.SignedIn when useCookies == true =>
                TypedResults.SignIn(Caller.Principal(account!, CookieAuthenticationDefaults.AuthenticationScheme), authenticationScheme: CookieAuthenticationDefaults.AuthenticationScheme),
            SignInResult.SignedIn => TypedResults.Ok(tokens.Issue(Caller.Principal(account!, BearerTokenDefaults.AuthenticationScheme))),
            // A lockout answers like a wrong password: a distinct answer would tell which e-mails have accounts.
            _ => Refused,
        };
    }

    /// <summary>Ends the session of this token or cookie at once (the account's other devices stay signed in), and removes this browser's cookie.</summary>
    private static async Task<IResult> SignOut(HttpContext http, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is { } caller)
        {
            var session = Guid.TryParse(http.User.FindFirstValue(Caller.SessionIdClaim), out var id) ? id : (Guid?)null;
            await accounts.EndSessionAsync(caller.Tenant, caller.AccountId, session, cancellationToken);
        }

        return TypedResults.SignOut(authenticationSchemes: [CookieAuthenticationDefaults.AuthenticationScheme]);
    }

    private static async Task<IResult> Me(string tenant, HttpContext http, AccountDirectory accounts, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant) && await accounts.FindAsync(caller.Tenant, caller.AccountId, cancellationToken) is { IsDeleted: false } account
            ? TypedResults.Ok(AccountResponse.From(account))
            : TypedResults.NotFound();

    private static async Task<IResult> ChangePassword(
        string tenant, ChangePasswordRequest request, HttpContext http, AccountDirectory accounts, IPasswordHasher<Account> hasher, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        if (PasswordRules.Problem(request.NewPassword) is { } problem)
        {
            return RefusalResults.Invalid("newPassword", problem);
        }

        var newHash = hasher.HashPassword(null!, request.NewPassword!);
        var outcome = await accounts.ChangePasswordAsync(
            caller.Tenant,
            caller.AccountId,
            newHash,
            account => hasher.VerifyHashedPassword(account, account.PasswordHash, request.CurrentPassword ?? "") != PasswordVerificationResult.Failed,
            cancellationToken);
        return outcome.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<IResult> SetFamily(string tenant, FamilyRequest request, HttpContext http, AccountDirectory accounts, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var children = request.Children ?? [];
        var fresh = children.Select(_ => Guid.NewGuid()).ToList();
        var outcome = await accounts.ReplaceFamilyAsync(caller.Tenant, caller.AccountId, request.Guardians ?? [], children, fresh, cancellationToken);
        return outcome.Value is { } changed ? TypedResults.Ok(AccountResponse.From(changed)) : outcome.Refusal!.ToProblem();
    }

    private static async Task<IResult> CreateStaff(
        string tenant, StaffRequest request, HttpContext http, StaffAccounts staffAccounts, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var (outcome, errors) = await staffAccounts.OpenAsync(caller, request, cancellationToken);
        if (outcome is null)
        {
            return RefusalResults.Invalid(errors);
        }

        return outcome.Value.Value is { } account
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/accounts/{account.Id}", AccountResponse.From(account))
            : outcome.Value.Refusal!.ToProblem();
    }

    private static async Task<IResult> List(string tenant, HttpContext http, AccountDirectory accounts, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant)
            ? TypedResults.Ok((await accounts.ListAsync(caller.Tenant, cancellationToken)).Where(a => !a.IsDeleted).Select(AccountResponse.From).ToArray())
            : TypedResults.NotFound();
}
