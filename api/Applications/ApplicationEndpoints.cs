using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Silo.Accounts;
using WebKita.Silo.Registration;

namespace WebKita.Api.Applications;

public static class ApplicationEndpoints
{
    private static readonly IResult NotFound = TypedResults.Problem(statusCode: 404, title: "There is no such application.", extensions: new Dictionary<string, object?> { ["code"] = "application.not_found" });

    public static void MapApplications(this RouteGroupBuilder tenant)
    {
        tenant.MapPost("/offerings/{offeringId:guid}/applications", Submit).WithTags("Applications")
            .RequireAuthorization(Policies.FamilyOrStaff).RequireRateLimiting(RateLimits.Submit);
        tenant.MapGet("/offerings/{offeringId:guid}/applications", List).WithTags("Applications").RequireAuthorization(Policies.Staff);
        tenant.MapGet("/applications/{id:guid}", Get).WithTags("Applications").RequireAuthorization(Policies.FamilyOrStaff);
        MapDecision(tenant, "withdraw", id => new WithdrawApplication(id), Policies.FamilyOrStaff);

        // Staff answer offers only for paper applications, which have no account to answer from (Actor.MayAnswerOfferOf).
        MapDecision(tenant, "accept", id => new AcceptOfferedPlace(id), Policies.FamilyOrStaff);
        MapDecision(tenant, "decline", id => new DeclineOfferedPlace(id), Policies.FamilyOrStaff);
        MapDecision(tenant, "confirm", id => new ConfirmAcceptedPlace(id), Policies.Staff);
        tenant.MapPost("/applications/{id:guid}/reject", Reject).WithTags("Applications").RequireAuthorization(Policies.Staff);
    }

    /// <summary>POST /applications/{id}/{action}: a decision about one application that needs nothing but its id.</summary>
    private static void MapDecision(RouteGroupBuilder tenant, string action, Func<Guid, ApplicationDecision> command, string policy) =>
        tenant.MapPost($"/applications/{{id:guid}}/{action}", (string tenant, Guid id, HttpContext http, RegistrationDirectory registration, CancellationToken ct) =>
            DecideAsync(tenant, id, command(id), http, registration, ct)).WithTags("Applications").RequireAuthorization(policy);

    /// <summary>
    /// 201 for a new application, 200 when the key or the child already had one: a family that
    /// submits from several devices or retries gets the same application every time.
    /// </summary>
    private static async Task<IResult> Submit(
        string tenant, Guid offeringId, ApplicationRequest request, HttpRequest http,
        RegistrationDirectory registration, AccountDirectory accounts, CancellationToken cancellationToken)
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

        var (child, errors) = caller.Role == Role.Family
            ? await ApplicantChild.OfFamilyAsync(caller, request.ChildId, request.Grade, accounts, cancellationToken)
            : request.ToChild();
        if (child is null)
        {
            return RefusalResults.Invalid(errors);
        }

        var familyId = caller.Role == Role.Family ? caller.AccountId : request.FamilyId;
        if (caller.Role != Role.Family && familyId is { } onBehalfOf
            && await accounts.FindAsync(caller.Tenant, onBehalfOf, cancellationToken) is not { Role: Role.Family, IsDeleted: false })
        {
            return RefusalResults.Invalid("familyId", "names no family account of this tenant");
        }

        // Keys are the caller's own: another account's key, equal by chance, names nothing of theirs.
        var command = new SubmitApplication(child, $"{caller.AccountId:N}/{key}", familyId) { By = caller.ToActor() };
        var reply = await registration.SendAsync(caller.Tenant, offeringId, command, cancellationToken);
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

    private static async Task<IResult> Get(string tenant, Guid id, HttpContext http, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        await VisibleAsync(tenant, id, http, registration, cancellationToken) is { } view
            ? TypedResults.Ok(ApplicationResponse.From(view))
            : NotFound;

    private static Task<IResult> Reject(string tenant, Guid id, RejectionRequest? request, HttpContext http, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        DecideAsync(tenant, id, new RejectApplicationAtOffering(id) { Reason = request?.Reason?.Trim() }, http, registration, cancellationToken);

    /// <summary>
    /// Sends a decision about one application to its offering. Who may act is checked here (404
    /// for what the caller may not see) and again in the offering's turn, which also decides the
    /// outcome; the reply carries the application as committed and its waitlist position.
    /// </summary>
    private static async Task<IResult> DecideAsync(
        string tenant, Guid id, ApplicationDecision command, HttpContext http, RegistrationDirectory registration, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(tenant, id, http, registration, cancellationToken) is not { } view)
        {
            return NotFound;
        }

        var reply = await registration.SendAsync(new TenantId(tenant), view.Application.OfferingId, command with { By = Caller.From(http.User)!.ToActor() }, cancellationToken);
        return reply.Refusal is { } refusal ? refusal.ToProblem() : TypedResults.Ok(ApplicationResponse.From(reply.Application!, reply.WaitlistPosition));
    }

    /// <summary>The application if the caller may see it; otherwise null, answered as 404 so nobody can probe which ids exist.</summary>
    private static async Task<ApplicationView?> VisibleAsync(string tenant, Guid id, HttpContext http, RegistrationDirectory registration, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant)
        && await registration.FindApplicationAsync(caller.Tenant, id, cancellationToken) is { } view
        && caller.ToActor().MayActOn(view.Application, view.SchoolId)
            ? view
            : null;
}
