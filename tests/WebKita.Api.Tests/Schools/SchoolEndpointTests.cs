using System.Net;
using System.Net.Http.Json;
using Npgsql;
using WebKita.Api.Schools;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Schools;

public sealed class SchoolEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _client = fixture.Admin;

    [Fact]
    public async Task CreateSchool_ValidBody_Returns201StoredInPostgres()
    {
        using var response = await _client.Http.PostAsJsonAsync($"{_client.Tenant}/schools", new SchoolRequest("  Grundschule Nord ", "Weg 2"), ApiJson.Options);

        var created = await WebKitaClient.ReadAsync<SchoolResponse>(response, HttpStatusCode.Created);
        created.Should().Be(new SchoolResponse(created.Id, "Grundschule Nord", "Weg 2"));
        response.Headers.Location.Should().Be(new Uri($"{_client.Tenant}/schools/{created.Id}", UriKind.Relative));
        (await _client.Http.GetFromJsonAsync<SchoolResponse>(response.Headers.Location, ApiJson.Options)).Should().Be(created);
        await using var connection = new NpgsqlConnection(fixture.Factory.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM grains WHERE kind = 'school' AND id = $1", connection) { Parameters = { new() { Value = created.Id } } };
        (await count.ExecuteScalarAsync()).Should().Be(1L, "the factory must run the silo on PostgreSQL, not the embedded SQLite default");
    }

    [Fact]
    public async Task CreateSchool_SameIdempotencyKeyTwice_Returns200WithFirstSchool()
    {
        var key = Children.NewRun();
        using var first = await PostSchoolAsync(new SchoolRequest("Grundschule Ost", null), key);
        using var second = await PostSchoolAsync(new SchoolRequest("Grundschule Ost", null), key);

        var created = await WebKitaClient.ReadAsync<SchoolResponse>(first, HttpStatusCode.Created);
        (await WebKitaClient.ReadAsync<SchoolResponse>(second, HttpStatusCode.OK)).Should().Be(created);
    }

    [Fact]
    public async Task UpdateSchool_NewNameAndAddress_Returns200AndGetShowsChange()
    {
        var school = await _client.CreateSchoolAsync("Grundschule Süd");

        using var response = await _client.Http.PutAsJsonAsync($"{_client.Tenant}/schools/{school.Id}", new SchoolRequest("Grundschule Süd-West", "Allee 9"), ApiJson.Options);

        var expected = new SchoolResponse(school.Id, "Grundschule Süd-West", "Allee 9");
        (await WebKitaClient.ReadAsync<SchoolResponse>(response, HttpStatusCode.OK)).Should().Be(expected);
        (await _client.Http.GetFromJsonAsync<SchoolResponse>($"{_client.Tenant}/schools/{school.Id}", ApiJson.Options)).Should().Be(expected);
    }

    [Fact]
    public async Task CreateSchool_BlankNameAndLongAddress_Returns400WithErrorPerFieldAndCode()
    {
        using var response = await PostSchoolAsync(new SchoolRequest(" ", new string('x', 301)), key: null);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Status.Should().Be(400);
        problem.Code.Should().Be("school.invalid");
        problem.Errors.Keys.Should().BeEquivalentTo("name", "address");
        problem.Errors["name"].Should().Equal("must be 1 to 200 characters");
    }

    [Fact]
    public async Task UpdateSchool_UnknownId_Returns404WithCode()
    {
        using var response = await _client.Http.PutAsJsonAsync($"{_client.Tenant}/schools/{Guid.NewGuid()}", new SchoolRequest("Neu", null), ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
        problem.Code.Should().Be("school.not_found");
    }

    [Fact]
    public async Task GetSchool_UnknownId_Returns404Problem()
    {
        using var response = await _client.Http.GetAsync($"{_client.Tenant}/schools/{Guid.NewGuid()}");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Title.Should().Be("There is no such school.");
    }

    private Task<HttpResponseMessage> PostSchoolAsync(SchoolRequest body, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{_client.Tenant}/schools") { Content = JsonContent.Create(body, options: ApiJson.Options) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return _client.Http.SendAsync(request);
    }
}
