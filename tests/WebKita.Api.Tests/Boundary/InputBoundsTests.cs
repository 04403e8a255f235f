using System.Net;
using System.Net.Http.Json;
using System.Text;
using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Api.Devices;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Tests.Boundary;

/// <summary>What the boundary refuses before any grain or store sees it: each answer names the field.</summary>
public sealed class InputBoundsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("Mi\u0000a")]
    [InlineData("Mia\u001b[31m")]
    [InlineData("Mia\nBecker")]
    public async Task Submit_ControlCharacterInChildName_400NamingTheField(string firstName)
    {
        var offering = await api.Factory.CreateOpenOfferingAsync(5);

        using var response = await api.Admin.PostSubmissionAsync(offering.Id, new ChildRequest(firstName, "Becker", new DateOnly(2018, 4, 1), 2), Children.NewRun());

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Keys.Should().Equal("child.firstName");
        (await api.Admin.ListApplicationsAsync(offering.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task SetFamily_NulInSecondChildsName_400NamingTheField()
    {
        using var family = await SignedInFamily.RegisterAsync(api.Factory, "Nul");
        var children = new[] { family.Child, new FamilyChild(Guid.NewGuid(), "Ben", "Nul\u0000", new DateOnly(2019, 1, 1)) };

        using var response = await family.Client.Http.PutAsJsonAsync($"{family.Client.Tenant}/me/family", new FamilyRequest([], children), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("children[1].lastName");
    }

    [Fact]
    public async Task Reject_ReasonOfSixtyKilobytes_400()
    {
        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/applications/{Guid.NewGuid()}/reject", new RejectionRequest(new string('x', 60_000)), ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors["reason"].Should().Equal("must be at most 1000 characters");
    }

    [Fact]
    public async Task Reject_ReasonWithLineBreaks_PassesTheBoundary()
    {
        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/applications/{Guid.NewGuid()}/reject", new RejectionRequest("Kein Platz.\r\nBitte melden Sie sich im Mai."), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound, "the reason is fine; the application does not exist");
    }

    [Fact]
    public async Task CreateOffering_OpensInYearOne_400()
    {
        var school = await api.Admin.CreateSchoolAsync();
        var terms = WebKitaClient.OpenTerms(school.Id, 5) with { OpensAt = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero) };

        using var response = await api.Admin.Http.PostAsJsonAsync($"{api.Admin.Tenant}/offerings", terms, ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("opensAt");
    }

    [Fact]
    public async Task CreateRound_DeadlineInYear9999_400()
    {
        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/rounds", new RoundRequest("Schuljahr", 2027, new DateTimeOffset(9999, 1, 1, 0, 0, 0, TimeSpan.Zero), 7, [Guid.NewGuid()]), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("deadline");
    }

    [Fact]
    public async Task RegisterDevice_WithoutRoom_400()
    {
        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/devices", new DeviceRequest("kiosk-ohne-raum", Guid.NewGuid(), null, "kiosk", [], null), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal(["buildingId"], "no building yet, so the first problem is the building");
        var building = await CreateBuildingAsync();
        using var withBuilding = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/devices", new DeviceRequest("kiosk-ohne-raum", building, null, "kiosk", [], null), ApiJson.Options);
        (await Problem.ReadAsync(withBuilding, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("room");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task CreateSchool_JsonSentAsOtherContentType_415ForAdminAndAnonymous(string contentType)
    {
        using var anonymous = api.Factory.CreateApiClient();
        foreach (var client in new[] { api.Admin, anonymous })
        {
            using var response = await client.Http.PostAsync(
                $"{client.Tenant}/schools", new StringContent("""{"name":"Schule","address":"Weg 1"}""", Encoding.UTF8, contentType));

            (await Problem.ReadAsync(response, HttpStatusCode.UnsupportedMediaType)).Code.Should().Be("request.unsupported_media_type");
        }
    }

    [Fact]
    public async Task CreateOffering_WrongEnumValue_400NamesNoInternalType()
    {
        using var response = await api.Admin.Http.PostAsync(
            $"{api.Admin.Tenant}/offerings", new StringContent("""{"title":"Ferien","kind":"Urlaub"}""", Encoding.UTF8, "application/json"));

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.Should().NotContain("WebKita").And.NotContain("System.").And.Contain("$.kind");
    }

    private async Task<Guid> CreateBuildingAsync()
    {
        var school = await api.Admin.CreateSchoolAsync();
        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/buildings", new Api.Buildings.BuildingRequest(school.Id, "Haus A", [new("A1", "Klasse 1a")]), ApiJson.Options);
        return (await WebKitaClient.ReadAsync<Api.Buildings.BuildingResponse>(response, HttpStatusCode.Created)).Id;
    }
}
