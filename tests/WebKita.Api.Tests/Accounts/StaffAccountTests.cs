using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Tests.Accounts;

public sealed class StaffAccountTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task CreateStaff_SchoolOfNoTenant_Returns400WithSchoolsError()
    {
        var staff = Credentials.New("fremd");
        var unknownSchool = Guid.NewGuid();

        using var response = await fixture.Admin.Http.PostAsJsonAsync(
            $"{fixture.Admin.Tenant}/accounts",
            new StaffRequest(staff.Email, staff.Password, "Frau Fremd", Role.SchoolStaff, [unknownSchool], []),
            ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Should().ContainKey("schools").WhoseValue.Should().Equal($"{unknownSchool} is no school of this tenant");
    }

    [Fact]
    public async Task CreateStaff_ExistingSchool_Returns201ScopedToIt()
    {
        var school = await fixture.Admin.CreateSchoolAsync("Grundschule Nord");
        var staff = Credentials.New("nord");

        using var response = await fixture.Admin.Http.PostAsJsonAsync(
            $"{fixture.Admin.Tenant}/accounts",
            new StaffRequest(staff.Email, staff.Password, "Herr Nord", Role.SchoolStaff, [school.Id], []),
            ApiJson.Options);

        var account = await WebKitaClient.ReadAsync<AccountResponse>(response, HttpStatusCode.Created);
        account.Schools.Should().Equal(school.Id);
        account.Role.Should().Be(Role.SchoolStaff);
    }
}
