using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Silo.Alerts;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Webhooks;

public static class WebhookEndpoints
{
    public static void MapWebhooks(this RouteGroupBuilder tenant)
    {
        // Where the county's alerts go besides the facility managers' streams; the county's business.
        var webhooks = tenant.MapGroup("/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/", List).RequireAuthorization(Policies.CountyAdmin).Produces<WebhookResponse[]>();
        webhooks.MapPost("/", Create).RequireAuthorization(Policies.CountyAdmin).Produces<WebhookResponse>(StatusCodes.Status201Created).Produces<WebhookResponse>();
        webhooks.MapGet("/{id:guid}/deliveries", Deliveries).RequireAuthorization(Policies.CountyAdmin).Produces<WebhookDeliveryResponse[]>();
    }

    private static async Task<IResult> List(string tenant, HttpContext http, WebhookRegistry webhooks, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant)
            ? TypedResults.Ok((await webhooks.ListAsync(new TenantId(tenant), cancellationToken)).Select(w => WebhookResponse.From(w)).ToArray())
            : TypedResults.NotFound();

    private static async Task<IResult> Create(string tenant, WebhookRequest request, HttpContext http, WebhookRegistry webhooks, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url))
        {
            return RefusalResults.Invalid("url", "must be an absolute http(s) URL");
        }

        var (key, problem) = IdempotencyKey.Read(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var id = key is null ? Guid.NewGuid() : IdempotencyKey.IdFor(caller.Tenant, GrainKinds.Webhook, key);
        var outcome = await webhooks.CreateAsync(caller.Tenant, id, url, request.EventTypes ?? [], caller.ToActor(), cancellationToken);
        if (outcome.Refusal is { Code: "webhook.exists" } && await webhooks.FindAsync(caller.Tenant, id, cancellationToken) is { } existing)
        {
            // A retry whose first answer was lost: the same answer again, the secret included, as only this tenant's admins can send it.
            return TypedResults.Ok(WebhookResponse.From(existing, withSecret: true));
        }

        return outcome.Value is { } webhook
            ? TypedResults.Created($"/api/v1/tenants/{tenant}/webhooks/{webhook.Id}", WebhookResponse.From(webhook, withSecret: true))
            : outcome.Refusal!.ToProblem();
    }

    /// <summary>What became of each event sent to the webhook, dead ones included.</summary>
    private static async Task<IResult> Deliveries(string tenant, Guid id, HttpContext http, WebhookRegistry webhooks, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant) || await webhooks.FindAsync(caller.Tenant, id, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok((await webhooks.DeliveriesAsync(caller.Tenant, id, cancellationToken)).Select(WebhookDeliveryResponse.From).ToArray());
    }
}
