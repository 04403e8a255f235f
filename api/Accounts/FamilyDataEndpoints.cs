using WebKita.Api.Applications;
using WebKita.Api.Problems;
using WebKita.Grains.Applications;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;

namespace WebKita.Api.Accounts;

/// <summary>The GDPR rights of a family: to see everything held about it, and to be forgotten.</summary>
public static class FamilyDataEndpoints
{
    public static void MapFamilyData(this RouteGroupBuilder tenant)
    {
        var me = tenant.MapGroup("/me").WithTags("Accounts").RequireAuthorization(Policies.Family);
        me.MapGet("/applications", Applications);
        me.MapGet("/export", Export);
        me.MapDelete("/", Delete);
    }

    private static async Task<IResult> Applications(string tenant, HttpContext http, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant)
            ? TypedResults.Ok((await registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken)).Select(ApplicationResponse.From).ToArray())
            : TypedResults.NotFound();

    private static async Task<IResult> Export(
        string tenant, HttpContext http, AccountDirectory accounts, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant)
            || await accounts.FindAsync(caller.Tenant, caller.AccountId, cancellationToken) is not { IsDeleted: false } account)
        {
            return TypedResults.NotFound();
        }

        var applications = await registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        http.Response.Headers.ContentDisposition = "attachment; filename=\"webkita-daten.json\"";
        return TypedResults.Ok(new
        {
            exportedAt = DateTimeOffset.UtcNow,
            account = AccountResponse.From(account),
            applications = applications.Select(a => new
            {
                application = ApplicationResponse.From(a),
                birthDate = a.Application.Child.BirthDate,
            }),
        });
    }

    /// <summary>
    /// Refused while a place is held: the county must end the contract first. Otherwise waiting
    /// applications are withdrawn, every application's child data erased, then the account.
    /// </summary>
    private static async Task<IResult> Delete(
        string tenant, HttpContext http, AccountDirectory accounts, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var applications = await registration.ListApplicationsOfFamilyAsync(caller.Tenant, caller.AccountId, cancellationToken);
        if (applications.Any(a => a.Application.Status == ApplicationStatus.Accepted))
        {
            return new Grains.Common.Refusal(
                "account.active_place", "The family holds a place; the account can be deleted once the place has ended or been given back.").ToProblem();
        }

        foreach (var view in applications)
        {
            var reply = await registration.SendAsync(caller.Tenant, view.Application.OfferingId, new EraseApplication(view.Application.Id), cancellationToken);
            if (reply.Refusal is { } refusal)
            {
                return refusal.ToProblem();
            }
        }

        await accounts.ChangeAsync(caller.Tenant, caller.AccountId, account => Grains.Common.Outcome<Grains.Accounts.Account>.Done(account.Erase(DateTimeOffset.UtcNow)), cancellationToken);
        return TypedResults.NoContent();
    }
}
