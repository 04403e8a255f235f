using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NetVips;
using WebKita.Api.Defects;
using WebKita.Api.Photos;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Common;
using WebKita.Silo.Buildings;

namespace WebKita.Api.Tests.Photos;

public sealed partial class ReportPageTests : IAsyncLifetime
{
    private const string Tenant = WebKitaClient.DefaultTenant;
    private WebKitaApiFactory _api = null!;
    private Guid _building;

    public async Task InitializeAsync()
    {
        _api = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["RateLimits:ReportsPerAddressPerHour"] = "6",
            ["Photos:Blobs:Folder"] = Path.Combine(Path.GetTempPath(), "webkita-photos-" + Guid.NewGuid().ToString("N")),
        });
        var school = await _api.CreateSchoolAsync();
        _building = Guid.NewGuid();
        (await _api.Services.GetRequiredService<BuildingDirectory>()
            .CreateAsync(new TenantId(Tenant), _building, school.Id, "Haus am Park", [new("A1", "Klasse 1a"), new("EG.WC", "WC Erdgeschoss")], default))
            .Value.Should().NotBeNull();
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Get_SignedLink_ShowsTheRoomsForm()
    {
        using var client = _api.CreateClient();

        var page = await client.GetStringAsync(RoomPath("A1"));

        page.Should().Contain("Haus am Park, Raum A1 (Klasse 1a)").And.Contain("name=\"Website\"");
    }

    [Theory]
    [InlineData("falsch")]
    [InlineData("")]
    public async Task Get_LinkNotSignedForTheRoom_NotFound(string token)
    {
        using var client = _api.CreateClient();

        using var response = await client.GetAsync(RoomLinks.ReportPath(Tenant, _building, "A1", token));
        using var otherRoom = await client.GetAsync(RoomLinks.ReportPath(Tenant, _building, "EG.WC", Links.ForRoom(Tenant, _building, "A1")));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        otherRoom.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_WithPhoto_TicketNumberAndOnlyCleanPhotosStored()
    {
        using var client = _api.CreateClient();

        var answer = await ReportAsync(client, "A1", "windows_doors", "Fenster klemmt", [PhoneJpeg()]);

        var number = Number(answer);
        using var admin = await _api.CreateAdminClientAsync();
        var ticket = await admin.Http.GetFromJsonAsync<TicketResponse>($"/api/v1/tenants/{Tenant}/tickets/{number}", ApiJson.Options);
        var attachment = ticket!.Attachments.Should().ContainSingle().Subject;
        var large = PhotoAttachment.Large(attachment)!;
        var photo = await admin.Http.GetByteArrayAsync($"/api/v1/tenants/{Tenant}/tickets/{number}/photos/{large}");
        using var image = Image.NewFromBuffer(photo);
        (image.Width, image.Height).Should().Be((600, 1200), "upright by its EXIF orientation, long edge 1200 (never enlarged)");
        image.GetFields().Should().NotContain(["exif-data", "xmp-data", "orientation"]);
    }

    [Fact]
    public async Task Post_SameCategoryAgain_JoinsTheOpenTicket()
    {
        using var first = _api.CreateClient();
        using var second = _api.CreateClient();

        var opened = Number(await ReportAsync(first, "EG.WC", "sanitary", "WC läuft über", []));
        // Razor writes umlauts as character references.
        var page = WebUtility.HtmlDecode(await second.GetStringAsync(RoomPath("EG.WC")));
        var joined = await ReportAsync(second, "EG.WC", "sanitary", "", []);

        page.Should().Contain($"Nr. {opened}: Sanitär").And.Contain("Ich auch");
        Number(joined).Should().Be(opened);
        joined.Should().Contain("Das wurde schon gemeldet").And.Contain("(2 Meldungen)");
    }

    [Fact]
    public async Task Post_StatusLink_ShowsTheTicketsStatus()
    {
        using var client = _api.CreateClient();
        var answer = await ReportAsync(client, "A1", "heating", "Heizung kalt", []);

        var link = StatusLink().Match(answer).Groups[1].Value;
        var status = await client.GetStringAsync(link);
        using var forged = await client.GetAsync(RoomLinks.StatusPath(Tenant, Number(answer) + 1, link[(link.IndexOf("k=", StringComparison.Ordinal) + 2)..]));

        status.Should().Contain($"Meldung Nummer {Number(answer)}").And.Contain("Stand: <strong id=\"stand\">Eingegangen</strong>");
        forged.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Post_HoneypotFilled_ThankedButNoTicket()
    {
        using var client = _api.CreateClient();

        var answer = await ReportAsync(client, "A1", "furniture", "Stuhl kaputt", [], website: "http://spam.example");

        answer.Should().Contain("Vielen Dank für Ihre Meldung").And.NotContain("id=\"nummer\"");
        using var admin = await _api.CreateAdminClientAsync();
        (await admin.Http.GetFromJsonAsync<TicketResponse[]>($"/api/v1/tenants/{Tenant}/tickets", ApiJson.Options)).Should().BeEmpty();
    }

    [Fact]
    public async Task Post_Gif_RefusedWithGermanReasonAndNoTicket()
    {
        using var client = _api.CreateClient();
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x3B];

        var answer = await ReportAsync(client, "A1", "other", "", [gif]);

        answer.Should().Contain("Foto 1: Bitte ein Foto als JPEG, PNG, WebP oder HEIC senden.");
        using var admin = await _api.CreateAdminClientAsync();
        (await admin.Http.GetFromJsonAsync<TicketResponse[]>($"/api/v1/tenants/{Tenant}/tickets", ApiJson.Options)).Should().BeEmpty();
    }

    [Fact]
    public async Task Post_MoreThanTheLimitFromOneAddress_TooManyRequests()
    {
        using var client = _api.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            var (token, nonce) = await FormOfAsync(client, "A1");
            using var response = await client.PostAsync(RoomPath("A1"), Form(token, nonce, "it", $"Beamer {i}", [], null));
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task QrSheet_FacilityView_OneCodePerRoom()
    {
        using var admin = await _api.CreateAdminClientAsync();

        using var response = await admin.Http.GetAsync($"/api/v1/tenants/{Tenant}/buildings/{_building}/qr-sheet.svg");
        var svg = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        Regex.Matches(svg, "<g class=\"room\" data-room=\"([^\"]+)\"").Select(m => m.Groups[1].Value).Should().Equal("A1", "EG.WC");
        svg.Should().Contain("A1 · Klasse 1a");
    }

    private RoomLinks Links => _api.Services.GetRequiredService<RoomLinks>();

    private string RoomPath(string room) => RoomLinks.ReportPath(Tenant, _building, room, Links.ForRoom(Tenant, _building, room));

    private async Task<string> ReportAsync(HttpClient client, string room, string category, string text, IReadOnlyList<byte[]> photos, string? website = null)
    {
        var (token, nonce) = await FormOfAsync(client, room);
        using var response = await client.PostAsync(RoomPath(room), Form(token, nonce, category, text, photos, website));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return WebUtility.HtmlDecode(body);
    }

    private async Task<(string Token, string Nonce)> FormOfAsync(HttpClient client, string room)
    {
        var page = await client.GetStringAsync(RoomPath(room));
        return (AntiforgeryField().Match(page).Groups[1].Value, NonceField().Match(page).Groups[1].Value);
    }

    private static MultipartFormDataContent Form(string token, string nonce, string category, string text, IReadOnlyList<byte[]> photos, string? website)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(nonce), "Nonce" },
            { new StringContent(category), "Category" },
            { new StringContent(text), "Text" },
            { new StringContent(website ?? ""), "Website" },
        };
        for (var i = 0; i < photos.Count; i++)
        {
            var file = new ByteArrayContent(photos[i]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "Photos", $"foto-{i}.jpg");
        }
        return form;
    }

    private static int Number(string answer) => int.Parse(TicketNumber().Match(answer).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>1200 x 600 stored, orientation 6: upright 600 x 1200; with XMP that must not survive.</summary>
    private static byte[] PhoneJpeg()
    {
        using var noise = Image.Gaussnoise(1200, 600, sigma: 30, mean: 128);
        using var rgb = noise.Bandjoin(noise, noise).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var tagged = rgb.Mutate(image =>
        {
            image.Set(GValue.GIntType, "orientation", 6);
            image.Set(GValue.BlobType, "xmp-data", "<x:xmpmeta xmlns:x='adobe:ns:meta/'>GPS 50.07 N 8.23 E</x:xmpmeta>"u8.ToArray());
        });
        return tagged.JpegsaveBuffer(q: 85);
    }

    [GeneratedRegex("__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("name=\"Nonce\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex NonceField();

    [GeneratedRegex("id=\"nummer\">(\\d+)<")]
    private static partial Regex TicketNumber();

    [GeneratedRegex("id=\"verfolgen\" href=\"([^\"]+)\"")]
    private static partial Regex StatusLink();
}
