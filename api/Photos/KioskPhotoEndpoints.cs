using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Photos.Pipeline;
using WebKita.Photos.Storage;
using WebKita.Silo.Defects;
using WebKita.Silo.Devices;

namespace WebKita.Api.Photos;

/// <summary>
/// Photos from kiosks: a kiosk uploads each photo of a report to one of the links in the report's
/// ack (docs/iot-topics.md). The photo takes the phone's path: the pipeline off the request path
/// with its time limit, the blob store, the ticket's attachments.
/// </summary>
public static class KioskPhotoEndpoints
{
    public static void MapKioskPhotos(this RouteGroupBuilder tenant) =>
        // The signed link is the credential (one device, report, ticket, slot, until it expires):
        // a kiosk holds no account, and a caller's role neither helps nor hinders.
        tenant.MapPost("/devices/{deviceId}/photos/{slot:int}", UploadAsync).WithTags("Devices").AllowAnonymous()
            .Produces<KioskPhotoResponse>(StatusCodes.Status201Created);

    /// <summary>Where kiosks reach the api (<c>Report:PublicBaseUrl</c>, else the first of <c>Urls</c>); null offers no upload links.</summary>
    public static Uri? PublicOrigin(IConfiguration configuration) =>
        (configuration["Report:PublicBaseUrl"] ?? configuration["Urls"]?.Split(';')[0]) is { Length: > 0 } origin && Uri.TryCreate(origin, UriKind.Absolute, out var uri) ? uri : null;

    private static async Task<IResult> UploadAsync(
        string tenant, string deviceId, int slot, string? report, int? ticket, long? expires, string? sig, HttpContext http,
        KioskPhotoLinks links, DeviceRegistry registry, TicketDesk desk, PhotoDesk photos, IBlobStore blobs, PhotoLimits limits, CancellationToken cancellationToken)
    {
        if (slot is < 1 or > KioskPhotoLinks.SlotsPerReport)
        {
            return Refused(StatusCodes.Status409Conflict, "photo_upload.too_many", $"A report takes at most {KioskPhotoLinks.SlotsPerReport} photos (slots 1 to {KioskPhotoLinks.SlotsPerReport}).");
        }

        switch (links.Check(tenant, deviceId, slot, report, ticket, expires, sig))
        {
            case PhotoLinkCheck.Invalid:
                return Refused(StatusCodes.Status403Forbidden, "photo_upload.link_invalid", "This upload link was not issued for this device, report, ticket and slot.");
            case PhotoLinkCheck.Expired:
                return Refused(StatusCodes.Status410Gone, "photo_upload.link_expired", "This upload link has expired; publish the report again (same reportId) for fresh links.");
        }

        var tenantId = new TenantId(tenant);
        if (await registry.FindAsync(tenantId, deviceId, cancellationToken) is null)
        {
            return Refused(StatusCodes.Status403Forbidden, "photo_upload.link_invalid", $"No device '{deviceId}' is registered any more.");
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !KioskPhotoLinks.ContentTypes.Contains(type.MediaType.Value, StringComparer.OrdinalIgnoreCase))
        {
            return Refused(StatusCodes.Status415UnsupportedMediaType, "photo_upload.unsupported_media_type", $"Send the photo as the request body with Content-Type {string.Join(", ", KioskPhotoLinks.ContentTypes)}.");
        }

        if (http.Request.ContentLength > limits.MaxBytes)
        {
            return TooLarge(http.Request.ContentLength.Value, limits);
        }

        var uploadKey = KioskPhotoLinks.UploadKey(deviceId, report!, slot);
        if (await desk.IsFiledAsync(tenantId, uploadKey, cancellationToken))
        {
            return SlotUsed(slot);
        }

        var upload = await ReadBodyAsync(http, limits, cancellationToken);
        if (upload is null)
        {
            return TooLarge(null, limits);
        }

        var outcome = await photos.ProcessAsync(upload, cancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return Refused(
                refusal.Reason == RefusalReason.TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status422UnprocessableEntity,
                "photo." + JsonNamingPolicy.SnakeCaseLower.ConvertName(refusal.Reason.ToString()), refusal.Detail);
        }

        var (large, _) = await blobs.PutAsync(outcome.Photo!.Large, "image/jpeg", cancellationToken);
        var (small, _) = await blobs.PutAsync(outcome.Photo.Small, "image/jpeg", cancellationToken);
        var attached = await desk.AttachPhotoAsync(tenantId, ticket!.Value, uploadKey, PhotoAttachment.For(large, small), cancellationToken);
        if (attached.Value is not { } decision)
        {
            return Problems.RefusalResults.ToProblem(attached.Refusal!);
        }

        // Two uploads to one slot at once: both were processed, the desk took the first.
        return decision.Result == ReportResult.Repeated
            ? SlotUsed(slot)
            : TypedResults.Created(
                $"/api/v1/tenants/{tenant}/tickets/{decision.Ticket.Number}/photos/{large}",
                new KioskPhotoResponse(decision.Ticket.Number, slot, large.ToString()));
    }

    /// <summary>The body, or null when it is longer than the limit (read no further than that).</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext http, PhotoLimits limits, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            // The api's bodies are small JSON (64 KiB); a photo may be up to the pipeline's limit.
            size.MaxRequestBodySize = limits.MaxBytes + 1;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > limits.MaxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // Kestrel counts a chunked body's bytes too and may stop it first.
            return null;
        }

        return buffer.ToArray();
    }

    private static IResult SlotUsed(int slot) =>
        Refused(StatusCodes.Status409Conflict, "photo_upload.slot_used", $"Slot {slot} of this report has its photo already; each link takes one photo.");

    private static IResult TooLarge(long? length, PhotoLimits limits) =>
        Refused(StatusCodes.Status413PayloadTooLarge, "photo.too_large", $"{(length is { } n ? $"{n} bytes" : "The photo is")} over the limit of {limits.MaxBytes} bytes.");

    private static IResult Refused(int status, string code, string title) =>
        TypedResults.Problem(statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
