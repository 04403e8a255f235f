using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;
using NetVips;
using WebKita.Mqtt;

namespace WebKita.Api.Tests.Support;

/// <summary>What a kiosk learns from its report's ack (the ticket and its photo upload links), and a photo to upload.</summary>
public sealed record KioskAck(int Ticket, IReadOnlyList<string> Urls, DateTimeOffset ExpiresAt)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Publishes a report as the kiosk and waits for its ack, which must offer uploads of at most <paramref name="maxBytes"/>.</summary>
    public static async Task<KioskAck> ReportAsync(MqttSessionClient kiosk, string deviceId, string reportId, long maxBytes)
    {
        var payload = $$$"""{"deviceId":"{{{deviceId}}}","reportId":"{{{reportId}}}","category":"windows_doors","text":"Tür klemmt","attachments":[]}""";
        var published = await kiosk.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sue/v1/{deviceId}/report").WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        published.IsSuccess.Should().BeTrue(published.ReasonCode.ToString());
        var message = await kiosk.Messages.ReadAsync().AsTask().WaitAsync(Patience);
        message.Acknowledge();
        var root = JsonDocument.Parse(message.Payload).RootElement;
        root.GetProperty("reportId").GetString().Should().Be(reportId);
        var uploads = root.GetProperty("photoUploads");
        uploads.GetProperty("maxBytes").GetInt64().Should().Be(maxBytes);
        return new KioskAck(
            root.GetProperty("ticket").GetInt32(),
            [.. uploads.GetProperty("urls").EnumerateArray().Select(u => u.GetString()!)],
            uploads.GetProperty("expiresAt").GetDateTimeOffset());
    }

    /// <summary>A JPEG of noise (about 200 KB) whose EXIF says where it was taken (GPS latitude 50° 4' N), as a phone camera writes it.</summary>
    public static byte[] GpsJpeg()
    {
        using var noise = Image.Gaussnoise(640, 480, sigma: 30, mean: 128);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = rgb.Mutate(image => image.Set(GValue.BlobType, "exif-data", GpsExif()));
        return tagged.JpegsaveBuffer(q: 85);
    }

    /// <summary>EXIF (little-endian TIFF): IFD0 with only a GPS IFD pointer; the GPS IFD with latitude reference and latitude.</summary>
    private static byte[] GpsExif()
    {
        var tiff = new List<byte>();
        void U16(int v) => tiff.AddRange(BitConverter.GetBytes((ushort)v));
        void U32(long v) => tiff.AddRange(BitConverter.GetBytes((uint)v));
        tiff.AddRange("II"u8.ToArray());
        U16(42);
        U32(8);
        U16(1); // IFD0: one entry, at 8
        U16(0x8825); U16(4); U32(1); U32(26); // GPSInfo -> 26
        U32(0);
        U16(2); // GPS IFD: two entries, at 26
        U16(0x0001); U16(2); U32(2); tiff.AddRange("N\0\0\0"u8.ToArray()); // GPSLatitudeRef
        U16(0x0002); U16(5); U32(3); U32(56); // GPSLatitude -> 56
        U32(0);
        foreach (var (numerator, denominator) in new[] { (50, 1), (4, 1), (0, 1) })
        {
            U32(numerator);
            U32(denominator);
        }

        return [.. "Exif\0\0"u8.ToArray(), .. tiff];
    }
}
