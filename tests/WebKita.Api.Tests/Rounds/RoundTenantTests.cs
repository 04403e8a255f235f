using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Applications;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Authorization;
using WebKita.Api.Tests.Statutes;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Rounds;

/// <summary>A county admin of tenant 1 addressing tenant 2's round routes: every call answers 404 and changes nothing.</summary>
public sealed class RoundTenantTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task RoundRoutes_ForeignTenantInPath_AnswerNotFoundAndChangeNothing()
    {
        await api.Admin.AmendStatuteAsync(StatuteClient.Rules);
        var school = await api.Admin.CreateSchoolAsync("Schule am Bach");
        var module = await api.Admin.CreateOfferingAsync(RoundClient.CriteriaTerms(school.Id, 5));
        var round = await api.Admin.CreateRoundAsync(TimeProvider.System.GetUtcNow().AddDays(20), module.Id);
        var child = new ChildRequest("Ida", "Imhof", new DateOnly(2018, 2, 1), 2);
        var application = await api.Admin.SubmitRankedAsync(round.Id, new(child, null, null, null, [module.Id], null, null));
        using var foreign = new WebKitaClient(api.Factory.CreateClient(), AuthorizationWorld.OtherTenant)
            .WithToken(await api.Factory.SignInAsync(Credentials.Admin));
        var path = $"{foreign.Tenant}/rounds/{round.Id}";

        var calls = new (string Name, Func<Task<HttpResponseMessage>> Send)[]
        {
            ("create", () => foreign.PostRoundAsync(TimeProvider.System.GetUtcNow().AddDays(20), module.Id)),
            ("capacity", () => foreign.Http.PutAsJsonAsync($"{path}/offerings/{module.Id}/capacity", new CapacityRequest(9, "mehr Personal"), ApiJson.Options)),
            ("simulate", () => foreign.Http.PostAsJsonAsync($"{path}/simulations", new SimulationRequest("seed", null), ApiJson.Options)),
            ("list", () => foreign.Http.GetAsync($"{path}/applications")),
            ("get", () => foreign.Http.GetAsync($"{path}/applications/{application.Id}")),
            ("submit", () => foreign.PostRankedAsync(round.Id, new(child with { FirstName = "Ole" }, null, null, null, [module.Id], null, null), "foreign-1")),
            ("evidence", () => foreign.PostActionAsync(round.Id, application.Id, "evidence", new EvidenceRequest(Grains.Rounds.EvidenceKind.Hardship, null))),
            ("withdraw", () => foreign.PostActionAsync(round.Id, application.Id, "withdraw", new { })),
        };

        var answers = new List<string>();
        foreach (var (name, send) in calls)
        {
            using var response = await send();
            answers.Add($"{name} {(int)response.StatusCode}");
        }

        answers.Should().Equal(calls.Select(c => $"{c.Name} 404"));
        (await api.Admin.GetRoundAsync(round.Id)).Offerings.Single().Capacity.Should().Be(5);
        (await api.Admin.GetRankedAsync(round.Id, application.Id)).Status.Should().Be(application.Status);
        using var rounds = await api.Admin.Http.GetAsync($"{api.Admin.Tenant}/rounds");
        (await WebKitaClient.ReadAsync<RoundResponse[]>(rounds, HttpStatusCode.OK)).Should().ContainSingle();
    }
}
