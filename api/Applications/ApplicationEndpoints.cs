using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Applications;
using WebKita.Silo.Registration;

namespace WebKita.Api.Applications;

public static class ApplicationEndpoints
{
    private static readonly IResult NotFound = TypedResults.Problem(statusCode: 404, title: "There is no such application.", extensions: new Dictionary<string, object?> { ["code"] = "application.not_found" });

    public static void MapApplications(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/offerings/{offeringId:guid}/applications", Submit).WithTags("Applications")
            .RequireAuthorization(Policies.FamilyOrStaff).RequireRateLimiting(RateLimits.Submit)
            .Produces<ApplicationResponse>(StatusCodes.Status201Created).Produces<ApplicationResponse>();
        tenant.MapGet("/offerings/{offeringId:guid}/applications", List).WithTags("Applications").RequireAuthorization(Policies.Staff).Produces<ApplicationResponse[]>();
        tenant.MapGet("/applications/{id:guid}", Get).WithTags("Applications").RequireAuthorization(Policies.FamilyOrStaff).Produces<ApplicationResponse>();
        MapDecision(tenant, "withdraw", id => new WithdrawApplication(id), Policies.FamilyOrStaff);

        // Staff answer offers only for paper applications, which have no account to answer from (Actor.MayAnswerOfferOf).
        MapDecision(tenant, "accept", id => new AcceptOfferedPlace(id), Policies.FamilyOrStaff);
        MapDecision(tenant, "decline", id => new DeclineOfferedPlace(id), Policies.FamilyOrStaff);
        MapDecision(tenant, "confirm", id => new ConfirmAcceptedPlace(id), Policies.Staff);
        tenant.MapPost("/applications/{id:guid}/reject", Reject).WithTags("Applications").RequireAuthorization(Policies.Staff).Produces<ApplicationResponse>();
    }

    /// <summary>POST /applications/{id}/{action}: a decision about one application that needs nothing but its id.</summary>
    private static void MapDecision(RouteGroupBuilder tenant, string action, Func<Guid, ApplicationDecision> command, string policy) =>
        tenant.MapPost($"/applications/{{id:guid}}/{action}", (string tenant, Guid id, HttpContext http, ApplicationDesk desk, CancellationToken ct) =>
            DecideAsync(tenant, id, command(id), http, desk, ct)).WithTags("Applications").RequireAuthorization(policy).Produces<ApplicationResponse>();

    /// <summary>
    /// 201 for a new application, 200 when the key or the child already had one: a family that
    /// submits from several devices or retries gets the same application every time.
    /// </summary>
    private static async Task<IResult> Submit(
        string tenant, Guid offeringId, ApplicationRequest request, HttpRequest http, ApplicationDesk desk, CancellationToken cancellationToken)
    {
        if (Caller.From(http.HttpContext.User) is not { } caller || !caller.IsIn(tenant))
        {
            return NotFound;
        }

        var (key, problem) = IdempotencyKey.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        if (key is null)
        {
            return RefusalResults.Invalid(IdempotencyKey.Header, "is required for a submission, so that a retry cannot create a second application");
        }

        var (reply, errors) = await desk.SubmitAsync(caller, offeringId, key, request, cancellationToken);
        if (reply is null)
        {
            return RefusalResults.Invalid(errors);
        }

        if (reply.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var response = ApplicationResponse.From(reply.Application!, reply.WaitlistPosition);
        return reply.Created
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/applications/{response.Id}", response)
            : TypedResults.Ok(response);
    }

    private static async Task<IResult> List(
        string tenant, Guid offeringId, ApplicationStatus? status, HttpContext http, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller
            || await registration.FindOfferingAsync(caller.Tenant, offeringId, cancellationToken) is not { } offering
            || !caller.ManagesSchool(tenant, offering.Terms.SchoolId))
        {
            return TypedResults.Problem(statusCode: 404, title: "There is no such offering.");
        }

        return TypedResults.Ok((await registration.ListApplicationsAsync(caller.Tenant, offeringId, cancellationToken))
            .Where(v => status is null || v.Application.Status == status).Select(ApplicationResponse.From).ToArray());
    }

    private static async Task<IResult> Get(string tenant, Guid id, HttpContext http, ApplicationDesk desk, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant) && await desk.VisibleAsync(caller, id, cancellationToken) is { } view
            ? TypedResults.Ok(ApplicationResponse.From(view))
            : NotFound;

    private static Task<IResult> Reject(string tenant, Guid id, RejectionRequest? request, HttpContext http, ApplicationDesk desk, CancellationToken cancellationToken) =>
        DecideAsync(tenant, id, new RejectApplicationAtOffering(id) { Reason = request?.Reason?.Trim() }, http, desk, cancellationToken);

    /// <summary>The reply carries the application as committed and its waitlist position.</summary>
    private static async Task<IResult> DecideAsync(string tenant, Guid id, ApplicationDecision command, HttpContext http, ApplicationDesk desk, CancellationToken cancellationToken)
    {
        var reply = Caller.From(http.User) is { } caller && caller.IsIn(tenant) ? await desk.DecideAsync(caller, id, command, cancellationToken) : null;
        return reply switch
        {
            null => NotFound,
            { Refusal: { } refusal } => refusal.ToProblem(),
            _ => TypedResults.Ok(ApplicationResponse.From(reply.Application!, reply.WaitlistPosition)),
        };
    }
}
