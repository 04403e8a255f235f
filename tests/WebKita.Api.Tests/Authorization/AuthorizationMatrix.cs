namespace WebKita.Api.Tests.Authorization;

/// <summary>
/// Who may call which endpoint, for every endpoint of the api. An endpoint missing here fails
/// <see cref="AuthorizationMatrixTests"/>: a new endpoint needs a rule before it ships.
/// "~" is /api/v1/tenants/{tenant}; "*" matches any method.
/// </summary>
public static class AuthorizationMatrix
{
    public const string TenantPrefix = "/api/v1/tenants/{tenant}";

    private const Access Allow = Access.Allow;
    private const Access Deny = Access.Deny;

    public static IReadOnlyList<Rule> Rules { get; } =
    [
        //                                                      Anonymous FamilyA FamilyB StaffX StaffY AdminT1 AdminT2 Facility
        new("GET /openapi/{documentName}.json",                 Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* /health/live",                                   Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* /health/ready",                                  Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),

        // The Orleans Dashboard is cluster-wide: every county admin, of any tenant, may see it.
        new("GET /dashboard/{**path}",                          Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Allow,  Deny),

        new("GET ~/schools/",                                   Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET ~/schools/{id:guid}",                          Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("POST ~/schools/",                                  Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("PUT ~/schools/{id:guid}",                          Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),

        new("GET ~/offerings/",                                 Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET ~/offerings/{id:guid}",                        Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("POST ~/offerings/",                                Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("PUT ~/offerings/{id:guid}",                        Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),

        new("POST ~/offerings/{offeringId:guid}/applications",  Deny,     Allow,  Allow,  Allow, Deny,  Allow,  Deny,   Deny),
        new("GET ~/offerings/{offeringId:guid}/applications",   Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("GET ~/applications/{id:guid}",                     Deny,     Allow,  Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/applications/{id:guid}/withdraw",           Deny,     Allow,  Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/applications/{id:guid}/accept",             Deny,     Allow,  Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/applications/{id:guid}/decline",            Deny,     Allow,  Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/applications/{id:guid}/confirm",            Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/applications/{id:guid}/reject",             Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),

        new("GET ~/schools/{schoolId:guid}/placements.csv",     Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("GET ~/schools/{schoolId:guid}/occupancy",          Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),

        new("POST ~/auth/register",                             Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("POST ~/auth/sign-in",                              Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("POST ~/auth/sign-out",                             Deny,     Allow,  Allow,  Allow, Allow, Allow,  Deny,   Allow),
        new("GET ~/me/",                                        Deny,     Allow,  Allow,  Allow, Allow, Allow,  Deny,   Allow),
        new("PUT ~/me/password",                                Deny,     Allow,  Allow,  Allow, Allow, Allow,  Deny,   Allow),
        new("PUT ~/me/family",                                  Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("GET ~/me/applications",                            Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("GET ~/me/export",                                  Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("DELETE ~/me/",                                     Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("POST ~/accounts/",                                 Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/accounts/",                                  Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),

        new("GET ~/audit",                                      Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/buildings/",                                 Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("POST ~/buildings/",                                Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("PUT ~/buildings/{id:guid}",                        Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/devices/",                                   Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/devices/{deviceId}",                         Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("POST ~/devices/",                                  Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("POST ~/devices/{deviceId}/credentials",            Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("POST ~/devices/{deviceId}/disable",                Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        // A kiosk's photo upload: the signed link in its ack is the credential, whoever sends it (refusals are 403/409/410 by the link, not the role).
        new("POST ~/devices/{deviceId}/photos/{slot:int}",      Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET ~/tickets/",                                   Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("GET ~/tickets/{number:int}",                       Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("POST ~/tickets/{number:int}/status",               Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("PUT ~/tickets/{number:int}/assignee",              Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("POST ~/tickets/{number:int}/comments",             Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("GET ~/tickets/{number:int}/photos/{name}",         Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("GET ~/buildings/{id:guid}/qr-sheet.svg",           Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("* melden/{tenant}/{buildingId:guid}/{room}",       Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* melden/{tenant}/status/{number:int}",            Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET /open311/v2/discovery.{format}",               Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET /open311/v2/services.{format}",                Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET /open311/v2/services/{code}.{format}",         Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("POST /open311/v2/requests.{format}",               Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET /open311/v2/requests.{format}",                Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET /open311/v2/requests/{id}.{format}",           Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET ~/webhooks/",                                  Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("POST ~/webhooks/",                                 Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/webhooks/{id:guid}/deliveries",              Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/alarm-profiles/",                            Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("PUT ~/alarm-profiles/{id:guid}",                   Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/alarms/",                                    Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("POST ~/alarms/{deviceId}/{type}/acknowledge",      Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("GET ~/alerts/stream",                              Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),

        new("GET ~/dead-letters",                               Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),

        new("GET ~/mail/unsubscribe",                           Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("POST ~/mail/unsubscribe",                          Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET ~/mail/dead",                                  Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/me/mail-preferences/",                       Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Allow),
        new("PUT ~/me/mail-preferences/",                       Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Allow),

        new("GET ~/statute/",                                   Deny,     Deny,   Deny,   Allow, Allow, Allow,  Deny,   Deny),
        new("GET ~/statute/versions/{version:int}",             Deny,     Deny,   Deny,   Allow, Allow, Allow,  Deny,   Deny),
        new("PUT ~/statute/",                                   Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),

        new("POST ~/rounds/",                                   Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("GET ~/rounds/",                                    Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("GET ~/rounds/{roundId:guid}",                      Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("PUT ~/rounds/{roundId:guid}/offerings/{offeringId:guid}/capacity", Deny, Deny, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/simulations",         Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/rounds/{roundId:guid}/applications/",       Deny,     Allow,  Allow,  Allow, Deny,  Allow,  Deny,   Deny),
        new("GET ~/rounds/{roundId:guid}/applications/",        Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("GET ~/rounds/{roundId:guid}/applications/{id:guid}", Deny,   Allow,  Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/accept", Deny, Allow, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/decline", Deny, Allow, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/withdraw", Deny, Allow, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/confirm", Deny, Deny, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/reject", Deny, Deny, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/evidence", Deny, Deny, Deny, Allow, Deny, Allow, Deny, Deny),
        new("POST ~/rounds/{roundId:guid}/applications/{id:guid}/waitlist-position", Deny, Deny, Deny, Allow, Deny, Allow, Deny, Deny),

        // Pages (route templates without a leading slash; "*": a page answers any method). A denied
        // anonymous visitor is sent to the sign-in page instead of a 401.
        new("* ",                                               Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Index",                                          Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Rechtliches/Impressum",                          Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Rechtliches/Datenschutz",                        Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Rechtliches/Barrierefreiheit",                   Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Konto/Anmelden",                                 Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Konto/Registrieren",                             Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Konto/Abmelden",                                 Deny,     Allow,  Allow,  Allow, Allow, Allow,  Deny,   Allow),
        new("* Familie",                                        Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("* Familie/Index",                                  Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("* Familie/Anmelden",                               Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("* Familie/Kinder",                                 Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("* Familie/Daten",                                  Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("* Schule",                                         Deny,     Deny,   Deny,   Allow, Allow, Allow,  Deny,   Deny),
        new("* Schule/Index",                                   Deny,     Deny,   Deny,   Allow, Allow, Allow,  Deny,   Deny),
        new("* Schule/Angebot/{id:guid}",                       Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("* Hausmeister",                                    Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("* Hausmeister/Index",                              Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("* Hausmeister/Meldung/{number:int}",               Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Allow),
        new("* Fehler/{code:int?}",                             Allow,    Allow,  Allow,  Allow, Allow, Allow,  Allow,  Allow),
        new("* Familie/Runde/{id:guid}",                        Deny,     Allow,  Allow,  Deny,  Deny,  Deny,   Deny,   Deny),
        new("* Schule/Runde/{id:guid}",                         Deny,     Deny,   Deny,   Allow, Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung",                                     Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Index",                               Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Angebote",                            Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Runden",                              Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Runde/{id:guid}",                     Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Satzung",                             Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Konten",                              Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Protokoll",                           Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
        new("* Verwaltung/Fehlnachrichten",                     Deny,     Deny,   Deny,   Deny,  Deny,  Allow,  Deny,   Deny),
    ];

    /// <summary>One endpoint's row: the access of each <see cref="Who"/>, in the order of the enum.</summary>
    public sealed record Rule(
        string Endpoint, Access Anonymous, Access FamilyA, Access FamilyB, Access StaffX, Access StaffY, Access AdminT1, Access AdminT2, Access Facility)
    {
        public Access For(Who who) => who switch
        {
            Who.Anonymous => Anonymous,
            Who.FamilyA => FamilyA,
            Who.FamilyB => FamilyB,
            Who.StaffOfSchoolX => StaffX,
            Who.StaffOfSchoolY => StaffY,
            Who.AdminOfTenant1 => AdminT1,
            Who.AdminOfTenant2 => AdminT2,
            Who.FacilityManager => Facility,
            _ => throw new ArgumentOutOfRangeException(nameof(who), who, "Not a matrix column."),
        };
    }
}
