using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Common;
using WebKita.Silo.Buildings;

namespace WebKita.Api.Tests.Photos;

public sealed class Open311Tests : IAsyncLifetime
{
    private const string Tenant = WebKitaClient.DefaultTenant;
    private const string ApiKey = "stadt-geheim-311";
    private WebKitaApiFactory _api = null!;
    private Guid _building;

    public async Task InitializeAsync()
    {
        _api = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["Open311:Clients:0:Name"] = "stadtportal",
            ["Open311:Clients:0:Tenant"] = Tenant,
            ["Open311:Clients:0:KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
        });
        var school = await _api.CreateSchoolAsync();
        _building = Guid.NewGuid();
        await _api.Services.GetRequiredService<BuildingDirectory>()
            .CreateAsync(new TenantId(Tenant), _building, school.Id, "Haus am Park", [new("A1", "Klasse 1a")], default);
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Discovery_Json_NamesTheV2EndpointWithBothFormats()
    {
        using var document = JsonDocument.Parse(await Client("json").GetRawAsync("discovery"));

        var endpoint = document.RootElement.GetProperty("endpoints")[0];
        endpoint.GetProperty("specification").GetString().Should().Be("http://wiki.open311.org/GeoReport_v2");
        endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()).Should().Equal("text/xml", "application/json");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task Services_EitherFormat_EveryDefectCategory(string format)
    {
        var (status, services) = await Client(format).GetAsync("services");

        status.Should().Be(200);
        services.Select(s => s["service_code"]).Should().Equal("heating", "sanitary", "electrical", "windows_doors", "furniture", "cleaning", "it", "other");
        services[0]["metadata"].Should().Be("true");
        services[0]["type"].Should().Be("realtime");
    }

    [Fact]
    public async Task ServiceDefinition_Known_AsksForTheAddressId()
    {
        var xml = System.Xml.Linq.XDocument.Parse(await Client("xml").GetRawAsync("services/sanitary"));

        xml.Root!.Name.LocalName.Should().Be("service_definition");
        xml.Root.Element("attributes")!.Element("attribute")!.Element("code")!.Value.Should().Be("address_id");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("xml")]
    public async Task ServiceDefinition_Unknown_SpecificationErrorWith404(string format)
    {
        var (status, errors) = await Client(format).GetAsync("services/zauberei");

        status.Should().Be(404);
        errors.Should().ContainSingle().Which["code"].Should().Be("404");
    }

    [Fact]
    public async Task PostRequest_WithoutApiKey_403InTheErrorFormat()
    {
        var (status, errors) = await Client("xml").PostRequestAsync(Fields("heating"));

        status.Should().Be(403);
        errors.Should().ContainSingle().Which["description"].Should().Contain("api_key");
    }

    [Fact]
    public async Task PostRequest_WithApiKey_FiledAndReadableInBothFormats()
    {
        var (status, filed) = await Client("json").PostRequestAsync([.. Fields("heating"), new("api_key", ApiKey)]);
        var id = filed.Should().ContainSingle().Subject["service_request_id"]!;

        var (_, byId) = await Client("xml").GetAsync($"requests/{id}");
        var (_, open) = await Client("json").GetAsync("requests", "&status=open&service_code=heating");
        var (_, closed) = await Client("json").GetAsync("requests", "&status=closed");

        status.Should().Be(200);
        var request = byId.Should().ContainSingle().Subject;
        request["status"].Should().Be("open");
        request["status_notes"].Should().Be("Eingegangen");
        request["service_code"].Should().Be("heating");
        request["description"].Should().Be("Heizkörper kalt");
        request["address_id"].Should().Be($"{_building}/A1");
        request.Should().ContainKey("media_url");
        open.Select(r => r["service_request_id"]).Should().Equal(id);
        closed.Should().BeEmpty();
    }

    [Fact]
    public async Task PostRequest_RoomNotInTheBuilding_400()
    {
        var (status, errors) = await Client("json").PostRequestAsync(
            [new("service_code", "heating"), new("address_id", $"{_building}/Z9"), new("api_key", ApiKey)]);

        status.Should().Be(400);
        errors.Should().ContainSingle().Which["code"].Should().Be("400");
    }

    [Fact]
    public async Task GetRequest_Unknown_404()
    {
        var (status, _) = await Client("json").GetAsync("requests/99999");

        status.Should().Be(404);
    }

    private GeoReportClient Client(string format) => new(_api.CreateClient(), Tenant, format);

    private List<KeyValuePair<string, string>> Fields(string code) =>
        [new("service_code", code), new("address_id", $"{_building}/A1"), new("description", "Heizkörper kalt")];
}
