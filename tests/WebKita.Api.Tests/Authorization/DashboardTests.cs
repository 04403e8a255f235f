using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Authorization;

/// <summary>
/// The Orleans Dashboard is one endpoint in the route table (the matrix's row) that builds the
/// package's routes on first use: each of them answers a county admin and no one else.
/// </summary>
public sealed class DashboardTests(AuthorizationWorld world) : IClassFixture<AuthorizationWorld>
{
    public static TheoryData<string> Routes =>
    [
        "/dashboard", "/dashboard/", "/dashboard/index.html", "/dashboard/favicon.ico", "/dashboard/index.min.js", "/dashboard/index.css",
        "/dashboard/fonts/fa-solid-900.woff2", "/dashboard/img/OrleansLogo.png", "/dashboard/version", "/dashboard/DashboardCounters",
        "/dashboard/ClusterStats", "/dashboard/Reminders", "/dashboard/Reminders/1", "/dashboard/HistoricalStats/{silo}",
        "/dashboard/SiloProperties/{silo}", "/dashboard/SiloMetadata/{silo}", "/dashboard/SiloStats/{silo}", "/dashboard/SiloCounters/{silo}",
        "/dashboard/GrainStats/x", "/dashboard/TopGrainMethods", "/dashboard/GrainState", "/dashboard/LifecycleStages", "/dashboard/GrainTypes",
    ];

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Get_DashboardRoute_AnswersCountyAdminsOnly(string route)
    {
        var path = route.Replace("{silo}", world.SiloAddress, StringComparison.Ordinal);

        (await StatusAsync(path, Who.AdminOfTenant2)).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(path, Who.StaffOfSchoolX)).Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(path, Who.FacilityManager)).Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Get_Trace_IsRefusedEvenToCountyAdmins() =>
        // It would stream every log line of the silo; the dashboard is configured to refuse it.
        (await StatusAsync("/dashboard/Trace", Who.AdminOfTenant1)).Should().Be(HttpStatusCode.Forbidden);

    [Theory]
    [InlineData("/dashboard/no-such-page")]
    [InlineData("/dashboard/Reminders/first")] // the page must be a number
    public async Task Get_NoDashboardRoute_IsNotFoundForCountyAdmins(string path) =>
        (await StatusAsync(path, Who.AdminOfTenant1)).Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task Get_Dashboard_KeepsItsRoutesOutOfTheAppsRouteTable()
    {
        (await StatusAsync("/dashboard/version", Who.AdminOfTenant1)).Should().Be(HttpStatusCode.OK);

        world.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/dashboard", StringComparison.Ordinal))
            .Select(e => e.RoutePattern.RawText)
            .Should().Equal("/dashboard/{**path}");
    }

    private async Task<HttpStatusCode> StatusAsync(string path, Who who)
    {
        using var client = new WebKitaClient(world.Factory.CreateClient()).WithToken(world.TokenOf(who)!);
        using var response = await client.Http.GetAsync(path);
        return response.StatusCode;
    }
}
