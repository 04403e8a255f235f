using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using MQTTnet;
using NetVips;
using WebKita.Api.Defects;
using WebKita.Api.Photos;
using WebKita.Api.Tests.Support;
using WebKita.Mqtt;
using WebKita.Silo.Devices;
using WebKita.Testing;

namespace WebKita.Api.Tests.Photos;

/// <summary>
/// Photos from kiosks against the project's broker and the api with the gateway's ingestion in
/// process: the kiosk reports over MQTT, finds its upload links in the ack, and uploads over HTTP.
/// </summary>
public sealed class KioskPhotoTests : IAsyncLifetime
{
    private const string Origin = "http://kiosk-upload.test";
    private const long MaxBytes = 1_000_000;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly byte[] _linkKey = RandomNumberGenerator.GetBytes(32);
    private MosquittoBroker _broker = null!;
    private WebKitaApiFactory _api = null!;

    public async Task InitializeAsync()
    {
        _broker = await MosquittoBroker.StartSecuredAsync();
        _api = await WebKitaApiFactory.CreateAsync(BrokerDevices.Settings(_broker, new Dictionary<string, string>
        {
            ["Broker:GatewayPassword"] = _broker.GatewayPassword,
            ["Ingestion:InProcess"] = "true",
            ["Ingestion:ClientId"] = "kiosk-photo-test",
            ["Report:PublicBaseUrl"] = Origin,
            ["Report:LinkKey"] = Convert.ToBase64String(_linkKey),
            ["Photos:Limits:MaxBytes"] = MaxBytes.ToString(CultureInfo.InvariantCulture),
            ["Photos:Blobs:Folder"] = Path.Combine(Path.GetTempPath(), "webkita-kiosk-photos-" + Guid.NewGuid().ToString("N")),
        }));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _broker.DisposeAsync();
    }

    [Fact]
    public async Task Upload_LinkFromTheAck_TicketShowsThePhotoWithoutMetadata()
    {
        await using var kiosk = await RegisterAndConnectAsync("kiosk-p1");

        var ack = await ReportAsync(kiosk, "kiosk-p1", "r-1");
        var upload = KioskAck.GpsJpeg();
        using var image = Image.NewFromBuffer(upload);
        image.GetFields().Should().Contain("exif-ifd3-GPSLatitude", "the fixture must carry what the pipeline has to strip");
        using var response = await UploadAsync(ack.Urls[0], upload, "image/jpeg");

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        ack.Urls.Should().HaveCount(3);
        ack.ExpiresAt.Should().BeAfter(DateTimeOffset.UtcNow);
        using var admin = await _api.CreateAdminClientAsync();
        var ticket = await admin.Http.GetFromJsonAsync<TicketResponse>($"{admin.Tenant}/tickets/{ack.Ticket}", ApiJson.Options);
        var large = PhotoAttachment.Large(ticket!.Attachments.Should().ContainSingle().Subject)!;
        var stored = await admin.Http.GetByteArrayAsync($"{admin.Tenant}/tickets/{ack.Ticket}/photos/{large}");
        using var photo = Image.NewFromBuffer(stored);
        photo.GetFields().Should().NotContain(f => f.StartsWith("exif", StringComparison.Ordinal) || f == "xmp-data");
        var open311 = await admin.Http.GetStringAsync($"/open311/v2/requests/{ack.Ticket}.json?jurisdiction_id={WebKitaClient.DefaultTenant}");
        open311.Should().Contain($"/tickets/{ack.Ticket}/photos/{large}");
    }

    [Fact]
    public async Task Upload_HostileUses_EachRefusedWithItsReason()
    {
        await using var kiosk = await RegisterAndConnectAsync("kiosk-p2");
        var ack = await ReportAsync(kiosk, "kiosk-p2", "r-2");
        var jpeg = KioskAck.GpsJpeg();

        using var wrongType = await UploadAsync(ack.Urls[0], jpeg, "text/plain");
        using var oversized = await UploadAsync(ack.Urls[0], new byte[MaxBytes + 1], "image/jpeg");
        using var notAnImage = await UploadAsync(ack.Urls[0], "not a photo at all"u8.ToArray(), "image/jpeg");
        using var first = await UploadAsync(ack.Urls[0], jpeg, "image/jpeg");
        using var replay = await UploadAsync(ack.Urls[0], jpeg, "image/jpeg");
        using var fourth = await UploadAsync(ack.Urls[2].Replace("/photos/3?", "/photos/4?", StringComparison.Ordinal), jpeg, "image/jpeg");
        using var otherTicket = await UploadAsync(ack.Urls[1].Replace($"ticket={ack.Ticket}", $"ticket={ack.Ticket + 1}", StringComparison.Ordinal), jpeg, "image/jpeg");
        using var otherDevice = await UploadAsync(ack.Urls[1].Replace("/devices/kiosk-p2/", "/devices/kiosk-p1/", StringComparison.Ordinal), jpeg, "image/jpeg");
        using var expired = await UploadAsync(ExpiredLink("kiosk-p2", "r-2", ack.Ticket, slot: 2), jpeg, "image/jpeg");

        (await Problem.ReadAsync(wrongType, HttpStatusCode.UnsupportedMediaType)).Code.Should().Be("photo_upload.unsupported_media_type");
        (await Problem.ReadAsync(oversized, HttpStatusCode.RequestEntityTooLarge)).Code.Should().Be("photo.too_large");
        (await Problem.ReadAsync(notAnImage, HttpStatusCode.UnprocessableEntity)).Code.Should().Be("photo.not_an_image");
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        (await Problem.ReadAsync(replay, HttpStatusCode.Conflict)).Code.Should().Be("photo_upload.slot_used");
        (await Problem.ReadAsync(fourth, HttpStatusCode.Conflict)).Code.Should().Be("photo_upload.too_many");
        (await Problem.ReadAsync(otherTicket, HttpStatusCode.Forbidden)).Code.Should().Be("photo_upload.link_invalid");
        (await Problem.ReadAsync(otherDevice, HttpStatusCode.Forbidden)).Code.Should().Be("photo_upload.link_invalid");
        (await Problem.ReadAsync(expired, HttpStatusCode.Gone)).Code.Should().Be("photo_upload.link_expired");
        using var admin = await _api.CreateAdminClientAsync();
        var ticket = await admin.Http.GetFromJsonAsync<TicketResponse>($"{admin.Tenant}/tickets/{ack.Ticket}", ApiJson.Options);
        ticket!.Attachments.Should().ContainSingle("only the one good upload took");
    }

    [Fact]
    public async Task Upload_ThreeSlotsThenTheReportAgain_FreshLinksButUsedSlotsStayUsed()
    {
        await using var kiosk = await RegisterAndConnectAsync("kiosk-p3");
        var ack = await ReportAsync(kiosk, "kiosk-p3", "r-3");
        var jpeg = KioskAck.GpsJpeg();

        foreach (var url in ack.Urls)
        {
            using var taken = await UploadAsync(url, jpeg, "image/jpeg");
            taken.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var again = await ReportAsync(kiosk, "kiosk-p3", "r-3");
        using var reused = await UploadAsync(again.Urls[0], jpeg, "image/jpeg");

        again.Ticket.Should().Be(ack.Ticket);
        (await Problem.ReadAsync(reused, HttpStatusCode.Conflict)).Code.Should().Be("photo_upload.slot_used");
        using var admin = await _api.CreateAdminClientAsync();
        var ticket = await admin.Http.GetFromJsonAsync<TicketResponse>($"{admin.Tenant}/tickets/{ack.Ticket}", ApiJson.Options);
        ticket!.Attachments.Should().HaveCount(3);
    }

    private async Task<MqttSessionClient> RegisterAndConnectAsync(string deviceId)
    {
        using var admin = await _api.CreateAdminClientAsync();
        var kiosk = BrokerDevices.Client(_broker, await BrokerDevices.RegisterKioskAsync(admin, deviceId));
        (await kiosk.ConnectAsync()).ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        (await kiosk.SubscribeAsync($"sue/v1/{deviceId}/ack")).Items.Single().ResultCode.Should().Be(MqttClientSubscribeResultCode.GrantedQoS1);
        return kiosk;
    }

    private Task<KioskAck> ReportAsync(MqttSessionClient kiosk, string deviceId, string reportId)
    {
        _ = _api.Server; // starts the api and with it the gateway's ingestion
        return KioskAck.ReportAsync(kiosk, deviceId, reportId, MaxBytes);
    }

    /// <summary>The kiosk knows only the link: the api's address is the configured origin, so the test client sends its path and query.</summary>
    private async Task<HttpResponseMessage> UploadAsync(string url, byte[] body, string contentType)
    {
        url.Should().StartWith(Origin);
        using var client = _api.CreateClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync(url[Origin.Length..], content);
    }

    /// <summary>A link signed with the api's key when it was issued 16 minutes ago: genuine, but past its lifetime.</summary>
    private string ExpiredLink(string deviceId, string reportId, int ticket, int slot)
    {
        var issuedBefore = new ManualTimeProvider(DateTimeOffset.UtcNow - KioskPhotoLinks.Lifetime - TimeSpan.FromMinutes(1));
        return new KioskPhotoLinks(_linkKey, new Uri(Origin), MaxBytes, issuedBefore).Offer(WebKitaClient.DefaultTenant, deviceId, reportId, ticket)!.Urls[slot - 1];
    }
}
