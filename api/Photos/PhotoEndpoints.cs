using WebKita.Api.Accounts;
using WebKita.Api.Buildings;
using WebKita.Grains.Common;
using WebKita.Photos.Storage;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;

namespace WebKita.Api.Photos;

public static class PhotoEndpoints
{
    /// <summary>How long a read link to a photo is valid: long enough to load a page, too short to pass around.</summary>
    public static readonly TimeSpan ReadLinkLifetime = TimeSpan.FromMinutes(5);

    public static void MapPhotos(this RouteGroupBuilder tenant)
    {
        // Both answer only those who oversee the building; anyone else gets 404, as if it did not exist.
        tenant.MapGet("/buildings/{id:guid}/qr-sheet.svg", QrSheetOf).WithTags("Buildings").RequireAuthorization(Policies.FacilityOrAdmin);
        tenant.MapGet("/tickets/{number:int}/photos/{name}", PhotoOf).WithTags("Tickets").RequireAuthorization(Policies.FacilityOrAdmin)
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg").Produces(StatusCodes.Status302Found);
    }

    private static async Task<IResult> QrSheetOf(
        string tenant, Guid id, HttpContext http, BuildingDirectory buildings, RoomLinks links, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.Oversees(tenant, id)
            || await buildings.FindAsync(new TenantId(tenant), id, cancellationToken) is not { } building)
        {
            return TypedResults.NotFound();
        }

        var origin = configuration["Report:PublicBaseUrl"]?.TrimEnd('/') ?? $"{http.Request.Scheme}://{http.Request.Host}";
        var svg = QrSheet.Render(building, room => origin + RoomLinks.ReportPath(tenant, id, room.Code, links.ForRoom(tenant, id, room.Code)));
        return TypedResults.Text(svg, "image/svg+xml; charset=utf-8");
    }

    /// <summary>
    /// A photo of a ticket, for those who oversee its building: a redirect to a short-lived read
    /// link when the store has them (Azure), otherwise the bytes through the api.
    /// </summary>
    private static async Task<IResult> PhotoOf(
        string tenant, int number, string name, HttpContext http, TicketDesk desk, IBlobStore blobs, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant)
            || await desk.FindAsync(new TenantId(tenant), number, cancellationToken) is not { } found || !caller.Oversees(tenant, found.Room.BuildingId))
        {
            return TypedResults.NotFound();
        }

        if (!BlobName.TryParse(name, out var blob))
        {
            return Problems.RefusalResults.Invalid("name", "must be the 64 lowercase hex digits of a photo of this ticket");
        }

        if (!found.Ticket.Attachments.Any(a => PhotoAttachment.Names(a).Contains(blob)))
        {
            return TypedResults.NotFound();
        }

        if (await blobs.ReadLinkAsync(blob, ReadLinkLifetime, cancellationToken) is { } link)
        {
            return TypedResults.Redirect(link.ToString());
        }

        return await blobs.GetAsync(blob, cancellationToken) is { } stored
            ? TypedResults.Bytes(stored.Content.ToArray(), stored.ContentType)
            : TypedResults.NotFound();
    }
}
