using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Silo.Registration;

namespace WebKita.Api.Applications;

public static class ApplicationEndpoints
{
    private static readonly IResult NotFound = TypedResults.Problem(statusCode: 404, title: "There is no such application.", extensions: new Dictionary<string, object?> { ["code"] = "application.not_found" });

    public static void MapApplications(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/offerings/{offeringId:guid}/applications", Submit).WithTags("Applications").AllowAnonymous();
        tenant.MapGet("/offerings/{offeringId:guid}/applications", List).WithTags("Applications").AllowAnonymous();
        tenant.MapGet("/applications/{id:guid}", Get).WithTags("Applications").AllowAnonymous();
        tenant.MapPost("/applications/{id:guid}/withdraw", Withdraw).WithTags("Applications").AllowAnonymous();
    }

    /// <summary>
    /// 201 for a new application, 200 when the key or the child already had one: a family that
    /// submits from several devices or retries gets the same application every time.
    /// </summary>
    private static async Task<IResult> Submit(
        string tenant, Guid offeringId, ApplicationRequest request, HttpRequest http, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        var (key, problem) = IdempotencyKey.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        if (key is null)
        {
            return RefusalResults.Invalid(IdempotencyKey.Header, "is required for a submission, so that a retry cannot create a second application");
        }

        var (child, errors) = request.ToChild();
        if (child is null)
        {
            return RefusalResults.Invalid(errors);
        }

        var tenantId = new TenantId(tenant);
        var reply = await registration.SendAsync(tenantId, offeringId, new SubmitApplication(child, key), cancellationToken);
        if (reply.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var response = ApplicationResponse.From(reply.Application!, reply.WaitlistPosition);
        return reply.Created
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/applications/{response.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> List(string tenant, Guid offeringId, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        if (await registration.FindOfferingAsync(tenantId, offeringId, cancellationToken) is null)
        {
            return TypedResults.Problem(statusCode: 404, title: "There is no such offering.");
        }

        return TypedResults.Ok((await registration.ListApplicationsAsync(tenantId, offeringId, cancellationToken)).Select(ApplicationResponse.From).ToArray());
    }

    private static async Task<IResult> Get(string tenant, Guid id, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        await registration.FindApplicationAsync(new TenantId(tenant), id, cancellationToken) is { } view
            ? TypedResults.Ok(ApplicationResponse.From(view))
            : NotFound;

    private static async Task<IResult> Withdraw(string tenant, Guid id, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        var tenantId = new TenantId(tenant);
        if (await registration.FindApplicationAsync(tenantId, id, cancellationToken) is not { } view)
        {
            return NotFound;
        }

        var reply = await registration.SendAsync(tenantId, view.Application.OfferingId, new WithdrawApplication(id), cancellationToken);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(ApplicationResponse.From(reply.Application!, null));
    }
}
