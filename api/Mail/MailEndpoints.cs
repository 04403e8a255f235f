using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Silo.Mail;

namespace WebKita.Api.Mail;

public static class MailEndpoints
{
    public static void MapMail(this RouteGroupBuilder tenant)
    {
        var mail = tenant.MapGroup("/mail").WithTags("Mail");
        // The link in a mail must work without signing in; the signed token is the authorization.
        mail.MapGet("/unsubscribe", ShowUnsubscribe).AllowAnonymous();
        mail.MapPost("/unsubscribe", Unsubscribe).AllowAnonymous();
        mail.MapGet("/dead", Dead).RequireAuthorization(Policies.CountyAdmin).Produces<DeadMailResponse[]>();

        var preferences = tenant.MapGroup("/me/mail-preferences").WithTags("Mail").RequireAuthorization(Policies.FamilyOrFacility);
        preferences.MapGet("/", ReadPreferences).Produces<MailPreferencesResponse>();
        preferences.MapPut("/", ChangePreferences).Produces<MailPreferencesResponse>();
    }

    private static IResult ShowUnsubscribe(string tenant, string? token, UnsubscribeToken tokens, MailLinks links) =>
        Read(tenant, token, tokens) is { } request
            ? UnsubscribePage.Confirm(Describe(request), links.Unsubscribe(request.Tenant, token!).PathAndQuery)
            : InvalidToken();

    private static async Task<IResult> Unsubscribe(string tenant, string? token, UnsubscribeToken tokens, MailPreferenceBook book, CancellationToken cancellationToken)
    {
        if (Read(tenant, token, tokens) is not { } request)
        {
            return InvalidToken();
        }

        await book.ChangeAsync(request.Tenant, request.AccountId, p => p.SwitchOff(request.TopicsOff), cancellationToken);
        return UnsubscribePage.Done(Describe(request));
    }

    /// <summary>Mails given up after repeated failures or a permanent refusal, latest first, for the county to follow up.</summary>
    private static async Task<IResult> Dead(string tenant, HttpContext http, MailNotifications notifications, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant)
            ? TypedResults.Ok((await notifications.ListAsync(caller.Tenant, MailNotification.Dead, cancellationToken)).Select(DeadMailResponse.From).ToArray())
            : TypedResults.NotFound();

    private static async Task<IResult> ReadPreferences(string tenant, HttpContext http, MailPreferenceBook book, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsIn(tenant)
            ? TypedResults.Ok(MailPreferencesResponse.From(await book.ReadAsync(caller.Tenant, caller.AccountId, cancellationToken)))
            : TypedResults.NotFound();

    private static async Task<IResult> ChangePreferences(
        string tenant, MailPreferencesRequest request, HttpContext http, MailPreferenceBook book, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var off = request.Off ?? [];
        var optional = Optional(caller.Role);
        var mandatory = off.Where(t => !optional.Contains(t)).ToArray();
        if (mandatory.Length > 0)
        {
            return RefusalResults.Invalid("off", $"{string.Join(", ", mandatory)} cannot be switched off by this account; optional: {string.Join(", ", optional)}");
        }

        var changed = await book.ChangeAsync(
            caller.Tenant, caller.AccountId, p => p.Choose(off, request.AlertsFrom ?? p.AlertsFrom), cancellationToken);
        return TypedResults.Ok(MailPreferencesResponse.From(changed));
    }

    private static IReadOnlyList<MailTopic> Optional(Role role) => role == Role.Family ? MailTopics.OptionalForFamilies : MailTopics.Alerts;

    private static UnsubscribeRequest? Read(string tenant, string? token, UnsubscribeToken tokens) =>
        token is { Length: > 0 and < 512 } && tokens.Read(token) is { } request && request.Tenant == new TenantId(tenant) ? request : null;

    private static IResult InvalidToken() => TypedResults.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The unsubscribe link is not valid.",
        extensions: new Dictionary<string, object?> { ["code"] = "unsubscribe.invalid" });

    private static string Describe(UnsubscribeRequest request) => request.Topic switch
    {
        MailTopic.OfferReminder => "Erinnerungen an ablaufende Platzangebote",
        MailTopic.WaitlistMovedUp => "Veränderungen auf der Warteliste",
        _ => "Meldungen, Alarme und Eskalationen",
    };
}
