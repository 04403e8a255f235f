using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Alarms;
using WebKita.Api.Applications;
using WebKita.Api.Buildings;
using WebKita.Api.Defects;
using WebKita.Api.Devices;
using WebKita.Api.Photos;
using WebKita.Api.Webhooks;
using WebKita.Api.Rounds;
using WebKita.Api.Schools;
using WebKita.Grains.Rounds;
using WebKita.Api.Tests.Statutes;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Tests.Authorization;

/// <summary>
/// The call each matrix row makes: real ids of school X's world, and a body that passes every
/// check before the access check, so a refusal can only come from access. Where serving the call
/// would destroy the world (change a password, delete a family), the body is one the handler
/// refuses after its access check, with a 400 or 409 that proves the caller was let through.
/// </summary>
public static class MatrixRequests
{
    private const string Tenant = $"/api/v1/tenants/{WebKitaClient.DefaultTenant}";

    public static HttpRequestMessage For(string endpoint, Who who, AuthorizationWorld world) => endpoint switch
    {
        "GET /openapi/{documentName}.json" => Get("/openapi/v1.json"),
        "* /health/live" => Get("/health/live"),
        "* /health/ready" => Get("/health/ready"),
        "GET /dashboard/{**path}" => Get("/dashboard/"),

        "GET ~/schools/" => Get($"{Tenant}/schools"),
        "GET ~/schools/{id:guid}" => Get($"{Tenant}/schools/{world.SchoolX}"),
        "POST ~/schools/" => Send(HttpMethod.Post, $"{Tenant}/schools", new SchoolRequest($"Schule von {who}", null)),
        "PUT ~/schools/{id:guid}" => Send(HttpMethod.Put, $"{Tenant}/schools/{world.SchoolX}", new SchoolRequest("Schule X", "Parkstraße 1")),

        "GET ~/offerings/" => Get($"{Tenant}/offerings"),
        "GET ~/offerings/{id:guid}" => Get($"{Tenant}/offerings/{world.OfferingX}"),
        "POST ~/offerings/" => Send(HttpMethod.Post, $"{Tenant}/offerings", WebKitaClient.OpenTerms(world.SchoolX, 5, $"Angebot von {who}")),
        "PUT ~/offerings/{id:guid}" => Send(HttpMethod.Put, $"{Tenant}/offerings/{world.OfferingX}", world.OfferingXTerms),

        "POST ~/offerings/{offeringId:guid}/applications" => Submission(who, world),
        "GET ~/offerings/{offeringId:guid}/applications" => Get($"{Tenant}/offerings/{world.OfferingX}/applications"),
        "GET ~/applications/{id:guid}" => Get($"{Tenant}/applications/{world.ApplicationOfFamilyA}"),
        "POST ~/applications/{id:guid}/withdraw" => new(HttpMethod.Post, $"{Tenant}/applications/{world.ApplicationOfFamilyA}/withdraw"),
        "POST ~/applications/{id:guid}/accept" => new(HttpMethod.Post, $"{Tenant}/applications/{world.ApplicationOfFamilyA}/accept"), // 200 (already accepted) or 409
        "POST ~/applications/{id:guid}/decline" => new(HttpMethod.Post, $"{Tenant}/applications/{world.ApplicationOfFamilyA}/decline"), // 409: not offered
        "POST ~/applications/{id:guid}/confirm" => new(HttpMethod.Post, $"{Tenant}/applications/{world.ApplicationOfFamilyA}/confirm"), // 200, or 409 once withdrawn
        "POST ~/applications/{id:guid}/reject" => Send(HttpMethod.Post, $"{Tenant}/applications/{world.ApplicationOfFamilyA}/reject", new RejectionRequest(" ")), // 400: no reason

        "GET ~/schools/{schoolId:guid}/placements.csv" => Get($"{Tenant}/schools/{world.SchoolX}/placements.csv"),
        "GET ~/schools/{schoolId:guid}/occupancy" => Get($"{Tenant}/schools/{world.SchoolX}/occupancy"),

        "POST ~/auth/register" => Send(HttpMethod.Post, $"{Tenant}/auth/register", new RegisterRequest(Credentials.New("matrix").Email, "kurz", "Familie Matrix")), // 400
        "POST ~/auth/sign-in" => Send(HttpMethod.Post, $"{Tenant}/auth/sign-in", new SignInRequest(world.FamilyB.Email, world.FamilyB.Password)),
        "POST ~/auth/sign-out" => SignOut(who, world),
        "GET ~/me/" => Get($"{Tenant}/me"),
        "PUT ~/me/password" => Send(HttpMethod.Put, $"{Tenant}/me/password", new ChangePasswordRequest("egal", "kurz")), // 400
        "PUT ~/me/family" => Send(HttpMethod.Put, $"{Tenant}/me/family", new FamilyRequest([new Guardian("", "", null)], [])), // 400
        "GET ~/me/applications" => Get($"{Tenant}/me/applications"),
        "GET ~/me/export" => Get($"{Tenant}/me/export"),
        "* " => Get("/"),
        "* Index" => Get("/index"),
        "* Rechtliches/Impressum" => Get("/rechtliches/impressum"),
        "* Rechtliches/Datenschutz" => Get("/rechtliches/datenschutz"),
        "* Rechtliches/Barrierefreiheit" => Get("/rechtliches/barrierefreiheit"),
        "* Konto/Anmelden" => Get("/konto/anmelden"),
        "* Konto/Registrieren" => Get("/konto/registrieren"),
        "* Konto/Abmelden" => Get("/konto/abmelden"), // a GET only leads back to the start page
        "* Familie" => Get("/familie"),
        "* Familie/Index" => Get("/familie/index"),
        "* Familie/Anmelden" => Get($"/familie/anmelden?angebot={world.OfferingX}"),
        "* Familie/Kinder" => Get("/familie/kinder"),
        "* Familie/Daten" => Get("/familie/daten"),
        "* Schule" => Get("/schule"),
        "* Schule/Index" => Get("/schule/index"),
        "* Schule/Angebot/{id:guid}" => Get($"/schule/angebot/{world.OfferingX}"),
        "* Hausmeister" => Get("/hausmeister"),
        "* Hausmeister/Index" => Get("/hausmeister/index"),
        "* Hausmeister/Meldung/{number:int}" => Get($"/hausmeister/meldung/{world.TicketInBuildingX}"),
        "* Fehler/{code:int?}" => Get("/fehler/400"), // called directly, the page answers the code it names
        "* Familie/Runde/{id:guid}" => Get($"/familie/runde/{world.RoundX}"),
        "* Schule/Runde/{id:guid}" => Get($"/schule/runde/{world.RoundX}"),
        "* Verwaltung" => Get("/verwaltung"),
        "* Verwaltung/Index" => Get("/verwaltung/index"),
        "* Verwaltung/Angebote" => Get("/verwaltung/angebote"),
        "* Verwaltung/Runden" => Get("/verwaltung/runden"),
        "* Verwaltung/Runde/{id:guid}" => Get($"/verwaltung/runde/{world.RoundX}"),
        "* Verwaltung/Satzung" => Get("/verwaltung/satzung"),
        "* Verwaltung/Konten" => Get("/verwaltung/konten"),
        "* Verwaltung/Protokoll" => Get("/verwaltung/protokoll"),
        "* Verwaltung/Fehlnachrichten" => Get("/verwaltung/fehlnachrichten"),
        "DELETE ~/me/" => new(HttpMethod.Delete, $"{Tenant}/me"), // 409: every family holds a place
        "POST ~/accounts/" => Send(HttpMethod.Post, $"{Tenant}/accounts", new StaffRequest(Credentials.New("matrix").Email, Credentials.Password1, "Neu", null, [], [])), // 400: no role
        "GET ~/accounts/" => Get($"{Tenant}/accounts"),

        "GET ~/audit" => Get($"{Tenant}/audit"),
        "GET ~/dead-letters" => Get($"{Tenant}/dead-letters"),

        "GET ~/statute/" => Get($"{Tenant}/statute"),
        "GET ~/statute/versions/{version:int}" => Get($"{Tenant}/statute/versions/1"),
        "PUT ~/statute/" => Send(HttpMethod.Put, $"{Tenant}/statute", StatuteClient.Rules), // the rules in force: no new version

        "POST ~/rounds/" => Send(HttpMethod.Post, $"{Tenant}/rounds", new RoundRequest("Runde", 2027, DateTimeOffset.UtcNow.AddYears(1), 7, [world.CriteriaOfferingX])),
        "GET ~/rounds/" => Get($"{Tenant}/rounds"),
        "GET ~/rounds/{roundId:guid}" => Get($"{Tenant}/rounds/{world.RoundX}"),
        "PUT ~/rounds/{roundId:guid}/offerings/{offeringId:guid}/capacity" =>
            Send(HttpMethod.Put, $"{Tenant}/rounds/{world.RoundX}/offerings/{world.CriteriaOfferingX}/capacity", new CapacityRequest(20, "Matrix")),
        "POST ~/rounds/{roundId:guid}/simulations" => Send(HttpMethod.Post, $"{Tenant}/rounds/{world.RoundX}/simulations", new SimulationRequest("matrix", null)),
        "POST ~/rounds/{roundId:guid}/applications/" => RankedSubmission(who, world),
        "GET ~/rounds/{roundId:guid}/applications/" => Get($"{Tenant}/rounds/{world.RoundX}/applications"),
        "GET ~/rounds/{roundId:guid}/applications/{id:guid}" => Get($"{Tenant}/rounds/{world.RoundX}/applications/{world.RankedApplicationOfFamilyA}"),
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/accept" => RoundAction(world, "accept", new { }), // 409: not offered
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/decline" => RoundAction(world, "decline", new { }), // 409: not offered
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/withdraw" => RoundAction(world, "withdraw", new { }),
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/confirm" => RoundAction(world, "confirm", new { }), // 409: not accepted
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/reject" => RoundAction(world, "reject", new ReasonRequest(" ")), // 400: no reason
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/evidence" => RoundAction(world, "evidence", new EvidenceRequest(EvidenceKind.SingleParent, null)), // 409: not claimed
        "POST ~/rounds/{roundId:guid}/applications/{id:guid}/waitlist-position" =>
            RoundAction(world, "waitlist-position", new WaitlistMoveRequest(world.CriteriaOfferingX, 1, "Matrix")), // 409: not waiting
        "GET ~/buildings/" => Get($"{Tenant}/buildings"),
        "POST ~/buildings/" => Send(HttpMethod.Post, $"{Tenant}/buildings", new BuildingRequest(world.SchoolX, $"Haus von {who}", [])),
        "PUT ~/buildings/{id:guid}" => Send(HttpMethod.Put, $"{Tenant}/buildings/{world.BuildingX}", new BuildingRequest(null, "Haus X", [new("A1", "Klasse 1a")])),
        "GET ~/devices/" => Get($"{Tenant}/devices"),
        "GET ~/devices/{deviceId}" => Get($"{Tenant}/devices/{AuthorizationWorld.KioskInBuildingX}"),
        "POST ~/devices/" => Send(HttpMethod.Post, $"{Tenant}/devices", new DeviceRequest("x", world.BuildingX, null, "toaster", [], null)), // 400
        "POST ~/devices/{deviceId}/credentials" => Send(HttpMethod.Post, $"{Tenant}/devices/{AuthorizationWorld.KioskInBuildingX}/credentials", new { }), // 503, no broker
        "POST ~/devices/{deviceId}/disable" => Send(HttpMethod.Post, $"{Tenant}/devices/{AuthorizationWorld.KioskInBuildingX}/disable", new { }), // 503, no broker
        "POST ~/devices/{deviceId}/photos/{slot:int}" => new(HttpMethod.Post, $"{Tenant}/devices/{AuthorizationWorld.KioskInBuildingX}/photos/4"), // 409: a report has three slots
        "GET ~/tickets/" => Get($"{Tenant}/tickets"),
        "GET ~/tickets/{number:int}" => Get($"{Tenant}/tickets/{world.TicketInBuildingX}"),
        "POST ~/tickets/{number:int}/status" => Send(HttpMethod.Post, $"{Tenant}/tickets/{world.TicketInBuildingX}/status", new TicketStatusRequest("acknowledge", null, null)),
        "PUT ~/tickets/{number:int}/assignee" => Send(HttpMethod.Put, $"{Tenant}/tickets/{world.TicketInBuildingX}/assignee", new AssigneeRequest(null)),
        "POST ~/tickets/{number:int}/comments" => Send(HttpMethod.Post, $"{Tenant}/tickets/{world.TicketInBuildingX}/comments", new CommentRequest($"Kommentar von {who}")),
        "GET ~/tickets/{number:int}/photos/{name}" => Get($"{Tenant}/tickets/{world.TicketInBuildingX}/photos/kein-foto"), // 400 for those who may
        "GET ~/buildings/{id:guid}/qr-sheet.svg" => Get($"{Tenant}/buildings/{world.BuildingX}/qr-sheet.svg"),
        "* melden/{tenant}/{buildingId:guid}/{room}" => Get(RoomLinks.ReportPath(WebKitaClient.DefaultTenant, world.BuildingX, "A1", Links(world).ForRoom(WebKitaClient.DefaultTenant, world.BuildingX, "A1"))),
        "* melden/{tenant}/status/{number:int}" => Get(RoomLinks.StatusPath(WebKitaClient.DefaultTenant, world.TicketInBuildingX, Links(world).ForTicket(WebKitaClient.DefaultTenant, world.TicketInBuildingX))),
        "GET /open311/v2/discovery.{format}" => Get("/open311/v2/discovery.json"),
        "GET /open311/v2/services.{format}" => Get($"/open311/v2/services.xml?jurisdiction_id={WebKitaClient.DefaultTenant}"),
        "GET /open311/v2/services/{code}.{format}" => Get($"/open311/v2/services/heating.json?jurisdiction_id={WebKitaClient.DefaultTenant}"),
        "POST /open311/v2/requests.{format}" => new(HttpMethod.Post, "/open311/v2/requests.json") { Content = new FormUrlEncodedContent([new("jurisdiction_id", WebKitaClient.DefaultTenant)]) }, // 400: no service_code; filing needs an api_key, not a role
        "GET /open311/v2/requests.{format}" => Get($"/open311/v2/requests.json?jurisdiction_id={WebKitaClient.DefaultTenant}"),
        "GET /open311/v2/requests/{id}.{format}" => Get($"/open311/v2/requests/{world.TicketInBuildingX}.xml?jurisdiction_id={WebKitaClient.DefaultTenant}"),
        "GET ~/webhooks/" => Get($"{Tenant}/webhooks"),
        "POST ~/webhooks/" => Send(HttpMethod.Post, $"{Tenant}/webhooks", new WebhookRequest("kein url", null)), // 400
        "GET ~/webhooks/{id:guid}/deliveries" => Get($"{Tenant}/webhooks/{world.WebhookOfTenant1}/deliveries"),
        "GET ~/alarm-profiles/" => Get($"{Tenant}/alarm-profiles"),
        "PUT ~/alarm-profiles/{id:guid}" => Send(HttpMethod.Put, $"{Tenant}/alarm-profiles/{Guid.NewGuid()}", new AlarmProfileRequest("", null, [], null, null)), // 422: no name
        "GET ~/alarms/" => Get($"{Tenant}/alarms"),
        "POST ~/alarms/{deviceId}/{type}/acknowledge" => new(HttpMethod.Post, $"{Tenant}/alarms/{AuthorizationWorld.KioskInBuildingX}/offline/acknowledge"), // 409 or 200: the kiosk's last will
        "GET ~/mail/unsubscribe" => Get($"{Tenant}/mail/unsubscribe?token=kaputt"), // 400
        "POST ~/mail/unsubscribe" => new(HttpMethod.Post, $"{Tenant}/mail/unsubscribe?token=kaputt"), // 400
        "GET ~/mail/dead" => Get($"{Tenant}/mail/dead"),
        "GET ~/me/mail-preferences/" => Get($"{Tenant}/me/mail-preferences"),
        "PUT ~/me/mail-preferences/" => Send(HttpMethod.Put, $"{Tenant}/me/mail-preferences", new { off = new[] { "Offer" } }), // 400: mandatory
        "GET ~/alerts/stream" => WithHeader(Get($"{Tenant}/alerts/stream"), "Last-Event-ID", "kein-id"), // 400: a stream would never end
        _ => throw new ArgumentException($"The matrix has a rule for {endpoint} but no request to call it with; add one here.", nameof(endpoint)),
    };

    private static RoomLinks Links(AuthorizationWorld world) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<RoomLinks>(world.Factory.Services);

    /// <summary>A family applies for its own child; everyone else enters a paper application.</summary>
    private static HttpRequestMessage Submission(Who who, AuthorizationWorld world)
    {
        var body = who switch
        {
            Who.FamilyA => new ApplicationRequest(null, world.ChildOfFamilyA, 2),
            Who.FamilyB => new ApplicationRequest(null, world.ChildOfFamilyB, 2),
            _ => new ApplicationRequest(new ChildRequest($"Kind von {who}", "Papier", new DateOnly(2018, 1, 1), 2)),
        };
        var request = Send(HttpMethod.Post, $"{Tenant}/offerings/{world.OfferingX}/applications", body);
        request.Headers.Add("Idempotency-Key", Children.NewRun());
        return request;
    }

    private static HttpRequestMessage RankedSubmission(Who who, AuthorizationWorld world)
    {
        var body = who switch
        {
            Who.FamilyA => new RankedApplicationRequest(null, world.ChildOfFamilyA, 2, null, [world.CriteriaOfferingX], null, null),
            Who.FamilyB => new RankedApplicationRequest(null, world.ChildOfFamilyB, 2, null, [world.CriteriaOfferingX], null, null),
            _ => new RankedApplicationRequest(new ChildRequest($"Kind von {who}", "Papier", new DateOnly(2018, 1, 1), 2), null, null, null, [world.CriteriaOfferingX], null, null),
        };
        var request = Send(HttpMethod.Post, $"{Tenant}/rounds/{world.RoundX}/applications", body);
        request.Headers.Add("Idempotency-Key", Children.NewRun());
        return request;
    }

    private static HttpRequestMessage RoundAction<T>(AuthorizationWorld world, string action, T body) =>
        Send(HttpMethod.Post, $"{Tenant}/rounds/{world.RoundX}/applications/{world.RankedApplicationOfFamilyA}/{action}", body);

    /// <summary>Signing out ends the session it is called with: the row uses each caller's spare session, so the other rows keep theirs.</summary>
    private static HttpRequestMessage SignOut(Who who, AuthorizationWorld world)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{Tenant}/auth/sign-out");
        if (world.SpareTokenOf(who) is { } spare)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", spare);
        }

        return request;
    }

    private static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    private static HttpRequestMessage WithHeader(HttpRequestMessage request, string name, string value)
    {
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static HttpRequestMessage Send<T>(HttpMethod method, string path, T body) =>
        new(method, path) { Content = JsonContent.Create(body, options: ApiJson.Options) };
}
