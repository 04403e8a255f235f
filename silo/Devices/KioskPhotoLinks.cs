using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace WebKita.Silo.Devices;

/// <summary>
/// Signs and checks the photo upload links of a kiosk's report ack. A link is the kiosk's
/// credential for one photo: bound by an HMAC-SHA256 signature to the tenant, the device, the
/// report, its ticket, one photo slot (1 to <see cref="SlotsPerReport"/>) and an expiry
/// <see cref="Lifetime"/> after the ack. That a slot is used only once is the ticket desk's to
/// keep (the upload is filed under the report and slot). The key is derived from the report link
/// key (<c>Report:LinkKey</c>), so these signatures can never pass for a room or ticket link.
/// Without an origin (the api's public address) no links are offered. Thread-safe.
/// </summary>
public sealed class KioskPhotoLinks
{
    public const int SlotsPerReport = 3;

    /// <summary>Long enough for a kiosk to take and send three photos after its report; short enough that a link found later is worthless.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static readonly IReadOnlyList<string> ContentTypes = ["image/jpeg", "image/png", "image/webp", "image/heic"];

    private readonly byte[] _key;
    private readonly string? _origin;
    private readonly long _maxBytes;
    private readonly TimeProvider _time;

    public KioskPhotoLinks(byte[] linkKey, Uri? origin, long maxBytes, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(linkKey.Length, 32);
        _key = HMACSHA256.HashData(linkKey, "kiosk-photo-upload"u8);
        _origin = origin?.ToString().TrimEnd('/');
        _maxBytes = maxBytes;
        _time = time;
    }

    public static string UploadPath(string tenant, string deviceId, int slot) =>
        $"/api/v1/tenants/{Uri.EscapeDataString(tenant)}/devices/{Uri.EscapeDataString(deviceId)}/photos/{slot.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The key a slot's upload is filed under at the ticket desk (once for good); its own prefix, so no report key can equal it.</summary>
    public static string UploadKey(string deviceId, string reportId, int slot) =>
        string.Create(CultureInfo.InvariantCulture, $"kiosk-photo:{deviceId}:{slot}:{reportId}");

    /// <summary>The links for a report filed as <paramref name="ticket"/>, one per slot; null when the api's public address is not configured.</summary>
    public PhotoUploads? Offer(string tenant, string deviceId, string reportId, int ticket)
    {
        if (_origin is null)
        {
            return null;
        }

        var expires = _time.GetUtcNow().Add(Lifetime).ToUnixTimeSeconds();
        var urls = Enumerable.Range(1, SlotsPerReport)
            .Select(slot => _origin + UploadPath(tenant, deviceId, slot)
                + $"?report={Uri.EscapeDataString(reportId)}&ticket={ticket.ToString(CultureInfo.InvariantCulture)}"
                + $"&expires={expires.ToString(CultureInfo.InvariantCulture)}&sig={Sign(tenant, deviceId, slot, reportId, ticket, expires)}")
            .ToList();
        return new PhotoUploads(urls, DateTimeOffset.FromUnixTimeSeconds(expires), _maxBytes, ContentTypes);
    }

    public PhotoLinkCheck Check(string tenant, string deviceId, int slot, string? reportId, int? ticket, long? expires, string? signature)
    {
        if (reportId is null || ticket is not { } number || expires is not { } until || signature is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(tenant, deviceId, slot, reportId, number, until)), Encoding.ASCII.GetBytes(signature)))
        {
            return PhotoLinkCheck.Invalid;
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() >= until ? PhotoLinkCheck.Expired : PhotoLinkCheck.Valid;
    }

    /// <summary>The report id is free text (any visible ASCII), so it goes last: no other field can be shifted into it.</summary>
    private string Sign(string tenant, string deviceId, int slot, string reportId, int ticket, long expires) =>
        WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{tenant}|{deviceId}|{ticket}|{slot}|{expires}|{reportId}"))).AsSpan(0, 16));
}
