using System.Net;
using WebKita.Api.Statutes;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Grains.Allocation;

namespace WebKita.Api.Tests.Statutes;

/// <summary>Tests share one tenant, so each reads the version in force before it changes the statute.</summary>
public sealed class StatuteEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _admin = fixture.Admin;

    [Fact]
    public async Task PutStatute_NewRules_Returns200NextVersionByTheAdminAndGetShowsIt()
    {
        var before = await CurrentVersionAsync();
        var rules = new StatuteRequest([new CriterionRuleRequest(Criterion.Hardship, 100), new CriterionRuleRequest(Criterion.SiblingAtSchool, 7, [Guid.Parse("5c0a0000-0000-4000-8000-000000000001")])], 1, 1);

        var amended = await _admin.AmendStatuteAsync(rules);

        amended.Version.Should().Be(before + 1);
        amended.Criteria.Should().BeEquivalentTo(
            [new CriterionRuleResponse(Criterion.Hardship, 100, null), new CriterionRuleResponse(Criterion.SiblingAtSchool, 7, [Guid.Parse("5c0a0000-0000-4000-8000-000000000001")])],
            options => options.WithStrictOrdering());
        (amended.LowestPriorityGrade, amended.HighestPriorityGrade).Should().Be((1, 1));
        amended.EnactedBy.Should().Be(await AdminIdAsync());
        (await _admin.GetStatuteAsync()).Should().BeEquivalentTo(amended);
        (await _admin.GetStatuteAsync(amended.Version)).Should().BeEquivalentTo(amended);
    }

    [Fact]
    public async Task PutStatute_Twice_EarlierVersionStaysReadableUnchanged()
    {
        var first = await _admin.AmendStatuteAsync(new StatuteRequest([new CriterionRuleRequest(Criterion.Training, 3)], 1, 2));
        var second = await _admin.AmendStatuteAsync(new StatuteRequest([new CriterionRuleRequest(Criterion.Training, 4)], 1, 2));

        second.Version.Should().Be(first.Version + 1);
        (await _admin.GetStatuteAsync(first.Version)).Should().BeEquivalentTo(first);
        (await _admin.GetStatuteAsync()).Should().BeEquivalentTo(second);
    }

    [Fact]
    public async Task PutStatute_SameRulesAgain_AnswersCurrentVersionWithoutAddingOne()
    {
        var rules = new StatuteRequest([new CriterionRuleRequest(Criterion.SingleParent, 9)], 2, 3);
        var first = await _admin.AmendStatuteAsync(rules);

        var again = await _admin.AmendStatuteAsync(rules);

        again.Should().BeEquivalentTo(first);
        (await _admin.GetStatuteAsync()).Version.Should().Be(first.Version);
    }

    [Fact]
    public async Task PutStatute_ConcurrentChanges_EachGetsItsOwnVersion()
    {
        var before = await CurrentVersionAsync();

        var amended = await Task.WhenAll(Enumerable.Range(1, 8).Select(points =>
            _admin.AmendStatuteAsync(new StatuteRequest([new CriterionRuleRequest(Criterion.Employment, 100 + points)], 1, 2))));

        amended.Select(s => s.Version).Should().BeEquivalentTo(Enumerable.Range(before + 1, 8));
        foreach (var statute in amended)
        {
            (await _admin.GetStatuteAsync(statute.Version)).Should().BeEquivalentTo(statute);
        }
    }

    [Fact]
    public async Task PutStatute_InvalidRules_Returns400WithCodeAndFieldErrorsAndAddsNoVersion()
    {
        var before = await CurrentVersionAsync();
        var rules = new StatuteRequest([new CriterionRuleRequest(Criterion.Employment, -1), new CriterionRuleRequest(Criterion.Employment, 2)], 3, 1);

        using var response = await _admin.PutStatuteAsync(rules);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("statute.invalid");
        problem.Errors["criteria"].Should().Equal($"points must be between 0 and {CriterionRule.MaxPoints}", "each criterion may appear once");
        problem.Errors["priorityGrades"].Should().Equal("must be a range from 1 up with lowest <= highest");
        (await CurrentVersionAsync()).Should().Be(before);
    }

    [Fact]
    public async Task PutStatute_MissingFields_Returns400RequestInvalidPerField()
    {
        using var response = await _admin.PutStatuteAsync(new StatuteRequest([new CriterionRuleRequest(null, 5)], null, 2));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("request.invalid");
        problem.Errors.Keys.Should().BeEquivalentTo("criteria", "lowestPriorityGrade");
    }

    [Fact]
    public async Task GetStatuteVersion_Unknown_Returns404WithCode()
    {
        await CurrentVersionAsync();

        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/statute/versions/{int.MaxValue}");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("statute.not_found");
    }

    [Fact]
    public async Task Staff_ReadsStatuteButCannotChangeIt()
    {
        var current = await _admin.GetStatuteAsync(await CurrentVersionAsync());
        var school = await _admin.CreateSchoolAsync("Schule mit Satzung");
        var credentials = Credentials.New("staff-satzung");
        await _admin.CreateAccountAsync(credentials, Role.SchoolStaff, [school.Id]);
        using var staff = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(credentials));

        (await staff.GetStatuteAsync(current.Version)).Should().BeEquivalentTo(current);
        using var response = await staff.PutStatuteAsync(StatuteClient.Rules);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>The version in force; enacts <see cref="StatuteClient.Rules"/> first when the tenant has none.</summary>
    private async Task<int> CurrentVersionAsync()
    {
        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/statute");
        return response.StatusCode == HttpStatusCode.NotFound
            ? (await _admin.AmendStatuteAsync(StatuteClient.Rules)).Version
            : (await WebKitaClient.ReadAsync<StatuteResponse>(response, HttpStatusCode.OK)).Version;
    }

    private async Task<Guid> AdminIdAsync()
    {
        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/me");
        return (await WebKitaClient.ReadAsync<WebKita.Api.Accounts.AccountResponse>(response, HttpStatusCode.OK)).Id;
    }
}
