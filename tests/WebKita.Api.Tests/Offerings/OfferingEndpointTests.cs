using System.Net;
using System.Net.Http.Json;
using System.Text;
using WebKita.Api.Offerings;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Offerings;

namespace WebKita.Api.Tests.Offerings;

public sealed class OfferingEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _client = fixture.Admin;

    [Fact]
    public async Task CreateOffering_ValidTerms_Returns201AndGetReturnsSameTerms()
    {
        var school = await _client.CreateSchoolAsync();
        var terms = WebKitaClient.OpenTerms(school.Id, 25, " Ferienwoche ");

        using var response = await _client.Http.PostAsJsonAsync($"{_client.Tenant}/offerings", terms, ApiJson.Options);

        var created = await WebKitaClient.ReadAsync<OfferingResponse>(response, HttpStatusCode.Created);
        response.Headers.Location.Should().Be(new Uri($"{_client.Tenant}/offerings/{created.Id}", UriKind.Relative));
        created.Should().BeEquivalentTo(
            new
            {
                SchoolId = school.Id,
                Title = "Ferienwoche",
                Kind = OfferingKind.SchoolYearModule,
                Capacity = 25,
                OpensAt = terms.OpensAt!.Value,
                ClosesAt = terms.ClosesAt!.Value,
                LowestGrade = 1,
                HighestGrade = 4,
                Mode = AllocationMode.FirstComeFirstServed,
                Phase = RegistrationPhase.Open, // its window opened an hour ago; the reminder that records it may not have fired yet
                Allocated = 0,
                FreePlaces = 25,
                Waitlisted = 0,
            });
        (await _client.GetOfferingAsync(created.Id)).Should().BeEquivalentTo(created);
    }

    [Fact]
    public async Task UpdateOffering_NewTitleCapacityAndGrades_Returns200AndGetShowsThem()
    {
        var school = await _client.CreateSchoolAsync();
        var offering = await _client.CreateOfferingAsync(WebKitaClient.OpenTerms(school.Id, 10));
        var changed = WebKitaClient.OpenTerms(school.Id, 12, "Frühbetreuung") with { LowestGrade = 2, HighestGrade = 3 };

        using var response = await _client.Http.PutAsJsonAsync($"{_client.Tenant}/offerings/{offering.Id}", changed, ApiJson.Options);

        var updated = await WebKitaClient.ReadAsync<OfferingResponse>(response, HttpStatusCode.OK);
        updated.Should().BeEquivalentTo(new { offering.Id, Title = "Frühbetreuung", Capacity = 12, FreePlaces = 12, LowestGrade = 2, HighestGrade = 3 });
        (await _client.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Title = "Frühbetreuung", Capacity = 12, LowestGrade = 2, HighestGrade = 3 });
    }

    [Fact]
    public async Task CreateOffering_EmptyBody_Returns400WithErrorPerMissingField()
    {
        using var response = await _client.Http.PostAsync($"{_client.Tenant}/offerings", new StringContent("{}", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Status.Should().Be(400);
        problem.Errors.Keys.Should().BeEquivalentTo("schoolId", "title", "capacity", "opensAt", "closesAt", "lowestGrade", "highestGrade");
        problem.Errors["capacity"].Should().Equal("is required");
    }

    [Fact]
    public async Task CreateOffering_InvalidTerms_Returns400WithFieldErrorsAndCode()
    {
        var school = await _client.CreateSchoolAsync();
        var now = TimeProvider.System.GetUtcNow();
        var terms = new OfferingRequest(school.Id, "", null, OfferingTerms.MaxCapacity + 1, now, now.AddDays(-1), 5, 2, null);

        using var response = await _client.Http.PostAsJsonAsync($"{_client.Tenant}/offerings", terms, ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("offering.invalid");
        problem.Errors.Keys.Should().BeEquivalentTo("title", "capacity", "window", "grades");
        problem.Errors["capacity"].Should().Equal("must be between 0 and 10000");
    }

    [Fact]
    public async Task CreateOffering_UnknownSchool_Returns400WithSchoolIdError()
    {
        using var response = await _client.Http.PostAsJsonAsync($"{_client.Tenant}/offerings", WebKitaClient.OpenTerms(Guid.NewGuid(), 5), ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(KeyValuePair.Create("schoolId", new[] { "names no school of this tenant" }));
    }

    [Fact]
    public async Task CreateOffering_MalformedJson_Returns400ProblemWithCode()
    {
        using var response = await _client.Http.PostAsync($"{_client.Tenant}/offerings", new StringContent("{\"title\": \"Ferien\", \"capacity\": ", Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("request.malformed");
        problem.Title.Should().Be("The request could not be read.");
    }

    [Fact]
    public async Task CreateOffering_WrongTypeForCapacity_Returns400ProblemWithCode()
    {
        using var response = await _client.Http.PostAsync($"{_client.Tenant}/offerings", new StringContent("{\"capacity\": \"viele\"}", Encoding.UTF8, "application/json"));

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("request.malformed");
    }

    [Fact]
    public async Task GetOffering_UnknownId_Returns404Problem()
    {
        using var response = await _client.Http.GetAsync($"{_client.Tenant}/offerings/{Guid.NewGuid()}");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Title.Should().Be("There is no such offering.");
    }

    [Fact]
    public async Task UpdateOffering_UnknownId_Returns404WithCode()
    {
        var school = await _client.CreateSchoolAsync();

        using var response = await _client.Http.PutAsJsonAsync($"{_client.Tenant}/offerings/{Guid.NewGuid()}", WebKitaClient.OpenTerms(school.Id, 5), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("offering.not_found");
    }
}
