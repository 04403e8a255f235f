namespace WebKita.Silo.Devices;

/// <summary>
/// The photo upload links a kiosk gets in its report's ack: one per photo slot, each good for one
/// photo of at most <paramref name="MaxBytes"/> bytes of one of <paramref name="ContentTypes"/>, until <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record PhotoUploads(IReadOnlyList<string> Urls, DateTimeOffset ExpiresAt, long MaxBytes, IReadOnlyList<string> ContentTypes);
