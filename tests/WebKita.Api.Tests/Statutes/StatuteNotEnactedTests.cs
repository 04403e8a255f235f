using System.Net;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Statutes;

/// <summary>A tenant whose county has not enacted a statute yet.</summary>
public sealed class StatuteNotEnactedTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("statute")]
    [InlineData("statute/versions/1")]
    public async Task GetStatute_NoneEnacted_Returns404WithCode(string path)
    {
        using var response = await fixture.Admin.Http.GetAsync($"{fixture.Admin.Tenant}/{path}");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("statute.not_found");
    }
}
