using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Buildings;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;

namespace WebKita.Api.Tests.Defects;

/// <summary>A school with a building made over the api, its facility manager signed in, and reports filed the way kiosks' are.</summary>
internal sealed record SueWorld(Guid SchoolId, BuildingResponse Building, WebKitaClient Manager)
{
    public static readonly TenantId Tenant = new(WebKitaClient.DefaultTenant);

    public static async Task<SueWorld> CreateAsync(ApiFixture api, string name)
    {
        var school = await api.Admin.CreateSchoolAsync($"Schule {name}");
        var building = await CreateBuildingAsync(api, school.Id, $"Haus {name}");
        var manager = Credentials.New($"hm-{name}");
        await api.Admin.CreateAccountAsync(manager, Role.FacilityManager, buildings: [building.Id]);
        var token = await api.Factory.SignInAsync(manager);
        return new SueWorld(school.Id, building, api.Factory.CreateApiClient(token));
    }

    public static async Task<BuildingResponse> CreateBuildingAsync(ApiFixture api, Guid schoolId, string name)
    {
        using var response = await api.Admin.Http.PostAsJsonAsync(
            $"{api.Admin.Tenant}/buildings", new BuildingRequest(schoolId, name, [new("A1.12", "Klasse 2b"), new("EG.WC", "WC Erdgeschoss")]), ApiJson.Options);
        return await WebKitaClient.ReadAsync<BuildingResponse>(response, HttpStatusCode.Created);
    }

    /// <summary>Files a report; <paramref name="key"/> is scoped to this world's building, since a report key files once per tenant for good and the worlds share one.</summary>
    public async Task<int> ReportAsync(ApiFixture api, string key, DefectCategory category = DefectCategory.Sanitary, string room = "EG.WC")
    {
        var outcome = await api.Factory.Services.GetRequiredService<TicketDesk>().ReportAsync(
            Tenant, SchoolId, Building.Id, room, new DefectReport($"{key}@{Building.Id:N}", category, null, "Spülung defekt", [], "kiosk"), default);
        return outcome.Value!.Ticket.Number;
    }
}
