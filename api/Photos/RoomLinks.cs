using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace WebKita.Api.Photos;

/// <summary>
/// Signs the links printed in a room's QR code and the links to follow a ticket, so that only
/// someone who stood in the room (or was given the link) can report for it: a room or ticket
/// number guessed from outside has no valid signature. HMAC-SHA256 with a key from
/// <c>Report:LinkKey</c> (base64, 32 bytes or more) or, for the embedded default, a key made once
/// and kept in <c>Report:LinkKeyFile</c>, since printed sheets must outlive restarts. Thread-safe.
/// </summary>
public sealed class RoomLinks
{
    private readonly byte[] _key;

    public RoomLinks(byte[] key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, 32);
        _key = key;
    }

    public static RoomLinks FromConfiguration(IConfiguration configuration) => new(KeyFromConfiguration(configuration));

    /// <summary>The link key; other signed links (a kiosk's photo uploads) derive theirs from it.</summary>
    public static byte[] KeyFromConfiguration(IConfiguration configuration)
    {
        if (configuration["Report:LinkKey"] is { Length: > 0 } configured)
        {
            return Convert.FromBase64String(configured);
        }

        var file = Path.GetFullPath(configuration["Report:LinkKeyFile"] ?? ".data/report-link.key");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            try
            {
                using var created = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                created.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(file))
            {
                // Another process made it first; use theirs.
            }
        }
        return File.ReadAllBytes(file);
    }

    public string ForRoom(string tenant, Guid buildingId, string room) => Sign($"room|{tenant}|{buildingId:N}|{room}");

    public bool IsRoom(string tenant, Guid buildingId, string room, string? token) => Matches(ForRoom(tenant, buildingId, room), token);

    public string ForTicket(string tenant, int number) => Sign($"ticket|{tenant}|{number}");

    public bool IsTicket(string tenant, int number, string? token) => Matches(ForTicket(tenant, number), token);

    public static string ReportPath(string tenant, Guid buildingId, string room, string token) =>
        $"/melden/{Uri.EscapeDataString(tenant)}/{buildingId}/{Uri.EscapeDataString(room)}?k={token}";

    public static string StatusPath(string tenant, int number, string token) =>
        $"/melden/{Uri.EscapeDataString(tenant)}/status/{number}?k={token}";

    private string Sign(string text) => WebEncoders.Base64UrlEncode(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    private static bool Matches(string expected, string? token) =>
        token is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(token));
}
