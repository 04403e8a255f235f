using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebKita.Api.Applications;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Statutes;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Rounds;

/// <summary>64-bit lottery numbers travel as decimal strings, so browsers and jq keep every digit.</summary>
public sealed class LotteryNumberFormatTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Simulate_Placements_LotteryNumberIsADecimalString()
    {
        await api.Admin.AmendStatuteAsync(StatuteClient.Rules);
        var school = await api.Admin.CreateSchoolAsync("Schule am Los");
        var module = await api.Admin.CreateOfferingAsync(RoundClient.CriteriaTerms(school.Id, 5));
        var round = await api.Admin.CreateRoundAsync(TimeProvider.System.GetUtcNow().AddDays(20), module.Id);
        await api.Admin.SubmitRankedAsync(round.Id, new(new ChildRequest("Lea", "Los", new DateOnly(2018, 2, 1), 2), null, null, null, [module.Id], null, null));

        using var response = await api.Admin.Http.PostAsJsonAsync($"{api.Admin.Tenant}/rounds/{round.Id}/simulations", new SimulationRequest("seed-1", null), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var number = body.RootElement.GetProperty("placements")[0].GetProperty("explanation").GetProperty("lotteryNumber");
        number.ValueKind.Should().Be(JsonValueKind.String);
        ulong.TryParse(number.GetString(), out _).Should().BeTrue();
    }
}
