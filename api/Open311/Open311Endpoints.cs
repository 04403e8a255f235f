using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Report;
using WebKita.Api.Photos;
using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;

namespace WebKita.Api.Open311;

/// <summary>
/// Open311 GeoReport v2 for other municipal systems: the tenant is the jurisdiction, defect
/// categories are the services, tickets are the service requests. A request names its place by
/// <c>address_id</c> = <c>{buildingId}/{roomCode}</c>. Reading is open (the specification's
/// clients are public portals); filing needs a client's <c>api_key</c>. Answers are JSON or XML
/// by the path's extension, errors in the specification's format with the same HTTP status.
/// </summary>
public static class Open311Endpoints
{
    private const string Specification = "http://wiki.open311.org/GeoReport_v2";

    public static void MapOpen311(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup("/open311/v2").WithTags("Open311").AllowAnonymous().DisableAntiforgery();
        v2.MapGet("/discovery.{format}", Discovery);
        v2.MapGet("/services.{format}", Services);
        v2.MapGet("/services/{code}.{format}", Definition);
        v2.MapPost("/requests.{format}", File);
        v2.MapGet("/requests.{format}", Requests);
        v2.MapGet("/requests/{id}.{format}", Request);
    }

    private static IResult Discovery(string format, HttpContext http)
    {
        if (BadFormat(format) is { } bad)
        {
            return bad;
        }

        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        return Open311Reply.WriteOne(format, "discovery",
        [
            ("changeset", "2026-12-04T00:00:00Z"),
            ("contact", "Landkreis, Gebäudemanagement"),
            ("key_service", "Schlüssel für Open311-Clients vergibt die Kreisverwaltung."),
            ("endpoints", new Open311Reply.Nested("endpoint",
            [
                [("specification", Specification), ("url", $"{origin}/open311/v2"), ("changeset", "2026-12-04T00:00:00Z"), ("type", "production"), ("formats", new[] { "text/xml", "application/json" })],
            ])),
        ]);
    }

    private static IResult Services(string format, [FromQuery(Name = "jurisdiction_id")] string? jurisdiction)
    {
        if ((BadFormat(format) ?? BadJurisdiction(format, jurisdiction)) is { } bad)
        {
            return bad;
        }

        return Open311Reply.Write(format, "services", "service", Enum.GetValues<DefectCategory>().Select(category => (IReadOnlyList<(string, object?)>)
        [
            ("service_code", DefectCategories.Code(category)),
            ("service_name", GermanTexts.Category(category)),
            ("description", $"Mangel im Schulgebäude: {GermanTexts.Category(category)}"),
            ("metadata", true),
            ("type", "realtime"),
            ("keywords", "schule,gebäude,mangel"),
            ("group", "Schulgebäude"),
        ]));
    }

    private static IResult Definition(string format, string code, [FromQuery(Name = "jurisdiction_id")] string? jurisdiction)
    {
        if ((BadFormat(format) ?? BadJurisdiction(format, jurisdiction)) is { } bad)
        {
            return bad;
        }
        if (!DefectCategories.TryParse(code, out _))
        {
            return Open311Reply.Error(format, 404, $"service_code '{code}' is not a service of this jurisdiction");
        }

        return Open311Reply.WriteOne(format, "service_definition",
        [
            ("service_code", code),
            ("attributes", new Open311Reply.Nested("attribute",
            [
                [("variable", false), ("code", "address_id"), ("datatype", "string"), ("required", true),
                 ("datatype_description", "Pass as the request's address_id: {buildingId}/{roomCode}"), ("order", 1),
                 ("description", "Gebäude und Raum")],
            ])),
        ]);
    }

    private static async Task<IResult> File(
        string format, HttpRequest http, Open311Clients clients, BuildingDirectory buildings, TicketDesk desk, RoomLinks links, CancellationToken cancellationToken)
    {
        if (BadFormat(format) is { } badFormat)
        {
            return badFormat;
        }
        if (!http.HasFormContentType)
        {
            return Open311Reply.Error(format, 400, "send the request as application/x-www-form-urlencoded");
        }

        var form = await http.ReadFormAsync(cancellationToken);
        var jurisdiction = form["jurisdiction_id"].ToString();
        if (BadJurisdiction(format, jurisdiction) is { } badJurisdiction)
        {
            return badJurisdiction;
        }
        if (!DefectCategories.TryParse(form["service_code"], out var category))
        {
            return Open311Reply.Error(format, 400, "service_code is missing or not a service of this jurisdiction");
        }

        var description = form["description"].ToString();
        if (description.Length > DefectReport.MaxTextLength)
        {
            return Open311Reply.Error(format, 400, $"description is longer than {DefectReport.MaxTextLength} characters");
        }
        if (Place(form["address_id"]) is not var (buildingId, room))
        {
            return Open311Reply.Error(format, 400, "address_id must be {buildingId}/{roomCode}");
        }
        if (clients.Find(jurisdiction, form["api_key"]) is not { } client)
        {
            return Open311Reply.Error(format, 403, "api_key is missing or not valid for this jurisdiction");
        }

        var tenant = new TenantId(jurisdiction);
        if (await buildings.FindAsync(tenant, buildingId, cancellationToken) is not { } building || !building.HasRoom(room))
        {
            return Open311Reply.Error(format, 400, "address_id names no room of this jurisdiction");
        }

        var report = new DefectReport($"open311:{client.Name}:{Guid.NewGuid():N}", category, null, description.Trim(), ImmutableList<string>.Empty, $"open311:{client.Name}");
        var filed = await desk.ReportAsync(tenant, building.SchoolId, buildingId, room, report, cancellationToken);
        if (filed.Value is not { } decision)
        {
            return Open311Reply.Error(format, 400, filed.Refusal!.Message);
        }

        var notice = decision.Result == ReportResult.Joined ? "Schon gemeldet: der Bericht gehört zu einer offenen Meldung." : "Die Meldung ist eingegangen.";
        return Open311Reply.Write(format, "service_requests", "request",
            [[("service_request_id", decision.Ticket.Number.ToString(CultureInfo.InvariantCulture)), ("service_notice", notice), ("account_id", null)]]);
    }

    private static async Task<IResult> Requests(
        string format, HttpContext http, TicketDesk desk,
        [FromQuery(Name = "jurisdiction_id")] string? jurisdiction, [FromQuery(Name = "service_request_id")] string? ids,
        [FromQuery(Name = "service_code")] string? code, [FromQuery(Name = "status")] string? status,
        [FromQuery(Name = "start_date")] DateTimeOffset? start, [FromQuery(Name = "end_date")] DateTimeOffset? end,
        CancellationToken cancellationToken)
    {
        if ((BadFormat(format) ?? BadJurisdiction(format, jurisdiction)) is { } bad)
        {
            return bad;
        }

        var wanted = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        var rooms = await desk.ListAsync(new TenantId(jurisdiction!), null, cancellationToken);
        var found = rooms.SelectMany(r => r.Tickets.Select(t => (Room: r, Ticket: t)))
            .Where(x => wanted.Count == 0 || wanted.Contains(x.Ticket.Number.ToString(CultureInfo.InvariantCulture)))
            .Where(x => code is null || DefectCategories.Code(x.Ticket.Category) == code)
            .Where(x => status is null || (status == "open") == x.Ticket.IsOpen)
            .Where(x => start is null || x.Ticket.OpenedAt >= start)
            .Where(x => end is null || x.Ticket.OpenedAt <= end)
            .OrderByDescending(x => x.Ticket.OpenedAt)
            .Take(wanted.Count > 0 ? int.MaxValue : 1000);
        return Open311Reply.Write(format, "service_requests", "request", found.Select(x => Describe(http, jurisdiction!, x.Room, x.Ticket)));
    }

    private static async Task<IResult> Request(
        string format, string id, HttpContext http, TicketDesk desk, [FromQuery(Name = "jurisdiction_id")] string? jurisdiction, CancellationToken cancellationToken)
    {
        if ((BadFormat(format) ?? BadJurisdiction(format, jurisdiction)) is { } bad)
        {
            return bad;
        }
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            || await desk.FindAsync(new TenantId(jurisdiction!), number, cancellationToken) is not { } found)
        {
            return Open311Reply.Error(format, 404, $"service_request_id '{id}' was not found");
        }

        return Open311Reply.Write(format, "service_requests", "request", [Describe(http, jurisdiction!, found.Room, found.Ticket)]);
    }

    private static IReadOnlyList<(string, object?)> Describe(HttpContext http, string tenant, RoomTickets room, Ticket ticket)
    {
        var photo = ticket.Attachments.Select(PhotoAttachment.Large).FirstOrDefault(n => n is not null);
        var updated = ticket.Notes.Count > 0 ? ticket.Notes[^1].At : ticket.OpenedAt;
        return
        [
            ("service_request_id", ticket.Number.ToString(CultureInfo.InvariantCulture)),
            ("status", ticket.IsOpen ? "open" : "closed"),
            ("status_notes", StatusNotes(ticket)),
            ("service_name", GermanTexts.Category(ticket.Category)),
            ("service_code", DefectCategories.Code(ticket.Category)),
            ("description", ticket.Text),
            ("agency_responsible", "Gebäudemanagement"),
            ("service_notice", null),
            ("requested_datetime", ticket.OpenedAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)),
            ("updated_datetime", updated.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)),
            ("expected_datetime", ticket.DueAt.ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture)),
            ("address", room.Room),
            ("address_id", $"{room.BuildingId}/{room.Room}"),
            ("zipcode", null),
            ("lat", null),
            ("long", null),
            ("media_url", photo is null ? null : $"{http.Request.Scheme}://{http.Request.Host}/api/v1/tenants/{tenant}/tickets/{ticket.Number}/photos/{photo}"),
        ];
    }

    private static string StatusNotes(Ticket ticket)
    {
        var last = ticket.Notes.LastOrDefault(n => !string.IsNullOrWhiteSpace(n.Text));
        return last is null ? GermanTexts.Status(ticket.Status) : $"{GermanTexts.Status(ticket.Status)}: {last.Text}";
    }

    private static (Guid BuildingId, string Room)? Place(string? addressId)
    {
        var parts = (addressId ?? "").Split('/', 2);
        return parts.Length == 2 && Guid.TryParse(parts[0], out var building) && Building.IsRoomCode(parts[1]) ? (building, parts[1]) : null;
    }

    private static IResult? BadFormat(string format) =>
        format is "json" or "xml" ? null : Open311Reply.Error("json", 400, "format must be json or xml");

    private static IResult? BadJurisdiction(string format, string? jurisdiction) =>
        string.IsNullOrEmpty(jurisdiction) ? Open311Reply.Error(format, 400, "jurisdiction_id is required")
        : TenantId.IsValid(jurisdiction) ? null
        : Open311Reply.Error(format, 404, $"jurisdiction_id '{jurisdiction}' is not known here");
}
