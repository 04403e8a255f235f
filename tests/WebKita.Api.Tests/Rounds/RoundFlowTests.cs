using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Accounts;
using WebKita.Api.Placements;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Statutes;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Testing;

namespace WebKita.Api.Tests.Rounds;

/// <summary>
/// A whole round over HTTP on a fake clock: the silo's background loops are slowed to a day, so
/// the test alone fires the deadline's reminder after moving the clock past it.
/// </summary>
public sealed class RoundFlowTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.UtcNow);
    private WebKitaApiFactory _factory = null!;
    private WebKitaClient _admin = null!;

    public async Task InitializeAsync()
    {
        _factory = await WebKitaApiFactory.CreateAsync(
            new Dictionary<string, string>
            {
                ["Silo:ReminderPollInterval"] = "1.00:00:00",
                ["Silo:OutboxPollInterval"] = "1.00:00:00",
            },
            _time);
        _admin = await _factory.CreateAdminClientAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _factory.DisposeAsync();
    }

    [Fact]
    public async Task Round_ApplyDeadlineOfferAcceptConfirmDeclineAndPromote_FamiliesAndStaffSeeEveryStep()
    {
        await _admin.AmendStatuteAsync(StatuteClient.Rules);
        var school = await _admin.CreateSchoolAsync("Grundschule am Weiher");
        var module = await _admin.CreateOfferingAsync(RoundClient.CriteriaTerms(school.Id, capacity: 2));
        var staffCredentials = Credentials.New("staff");
        await _admin.CreateAccountAsync(staffCredentials, Role.SchoolStaff, [school.Id]);
        using var staff = _factory.CreateApiClient(await _factory.SignInAsync(staffCredentials));
        var deadline = _time.GetUtcNow().AddMinutes(10);
        var round = await _admin.CreateRoundAsync(deadline, module.Id);
        using var adler = await SignedInFamily.RegisterAsync(_factory, "Adler");
        using var berg = await SignedInFamily.RegisterAsync(_factory, "Berg");
        using var christ = await SignedInFamily.RegisterAsync(_factory, "Christ");
        var adlers = await ApplyAsync(adler, round.Id, module.Id, employedGuardians: 2);
        var bergs = await ApplyAsync(berg, round.Id, module.Id, employedGuardians: 1);
        var christs = await ApplyAsync(christ, round.Id, module.Id, employedGuardians: 0);
        await staff.ActAsync(round.Id, adlers.Id, "evidence", new EvidenceRequest(EvidenceKind.Guardian, 0));
        await staff.ActAsync(round.Id, adlers.Id, "evidence", new EvidenceRequest(EvidenceKind.Guardian, 1));
        await staff.ActAsync(round.Id, bergs.Id, "evidence", new EvidenceRequest(EvidenceKind.Guardian, 0));
        (await MineAsync(christ)).Should().BeEquivalentTo(new { Status = ApplicationStatus.Submitted, OfferExpiresAt = (DateTimeOffset?)null, Explanation = (Explanation?)null });

        _time.Advance(TimeSpan.FromMinutes(9));
        await FireRemindersAsync(); // the offering's own reminders are due; the deadline's is a minute away
        (await _admin.GetRoundAsync(round.Id)).Phase.Should().Be(RoundPhase.Collecting);
        _time.Advance(TimeSpan.FromMinutes(1));
        (await FireRemindersAsync()).Should().Be(1, "the deadline's reminder runs the allocation");

        (await _admin.GetRoundAsync(round.Id)).Should().BeEquivalentTo(new { Phase = RoundPhase.Allocated, Run = new { Applicants = 3, Placed = 2, Waitlisted = 1 } });
        var offerExpires = deadline.AddDays(7);
        (await MineAsync(adler)).Should().BeEquivalentTo(new { Status = ApplicationStatus.Offered, OfferingId = module.Id, OfferExpiresAt = offerExpires });
        (await MineAsync(berg)).Should().BeEquivalentTo(new { Status = ApplicationStatus.Offered, OfferingId = module.Id, OfferExpiresAt = offerExpires });
        var waiting = await MineAsync(christ);
        waiting.Should().BeEquivalentTo(new { Status = ApplicationStatus.Waitlisted, OfferExpiresAt = (DateTimeOffset?)null, WaitlistPositions = new[] { new WaitlistPosition(module.Id, 1) } });
        waiting.Explanation!.Offerings.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Rank = 3, Applicants = 3, Capacity = 2, Admitted = false });

        _time.Advance(TimeSpan.FromMinutes(30)); // tokens last an hour on the fake clock too
        (await adler.Client.ActAsync(round.Id, adlers.Id, "accept")).Status.Should().Be(ApplicationStatus.Accepted);
        (await staff.ActAsync(round.Id, adlers.Id, "confirm")).Status.Should().Be(ApplicationStatus.Confirmed);
        (await berg.Client.ActAsync(round.Id, bergs.Id, "decline")).Status.Should().Be(ApplicationStatus.Declined);

        var promoted = _time.GetUtcNow();
        (await MineAsync(adler)).Status.Should().Be(ApplicationStatus.Confirmed);
        (await MineAsync(berg)).Status.Should().Be(ApplicationStatus.Declined);
        (await MineAsync(christ)).Should().BeEquivalentTo(new
        {
            Status = ApplicationStatus.Offered, OfferingId = module.Id, OfferExpiresAt = promoted.AddDays(7), WaitlistPositions = Array.Empty<WaitlistPosition>(),
        });

        using (var csv = await staff.Http.GetAsync($"{staff.Tenant}/schools/{school.Id}/placements.csv"))
        {
            csv.StatusCode.Should().Be(HttpStatusCode.OK);
            Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n").Skip(1).Should().Equal(
                Row(module.Title, "Adler", "Bestätigt", adlers),
                Row(module.Title, "Christ", "Angeboten", christs),
                "");
        }

        using (var occupancy = await staff.Http.GetAsync($"{staff.Tenant}/schools/{school.Id}/occupancy"))
        {
            (await WebKitaClient.ReadAsync<SchoolOccupancy>(occupancy, HttpStatusCode.OK)).Offerings.Should().Equal(new OfferingOccupancy(
                module.Id, module.Title, round.Id, Capacity: 2, Allocated: 2, Offered: 1, Accepted: 0, Confirmed: 1, FreePlaces: 0, Waitlisted: 0, Submitted: 0, Withdrawn: 0));
        }

        using var confirmedFamily = await adler.Client.Http.DeleteAsync($"{adler.Client.Tenant}/me");
        using var offeredFamily = await christ.Client.Http.DeleteAsync($"{christ.Client.Tenant}/me");
        using var declinedFamily = await berg.Client.Http.DeleteAsync($"{berg.Client.Tenant}/me");
        (await Problem.ReadAsync(confirmedFamily, HttpStatusCode.Conflict)).Code.Should().Be("account.active_place");
        (await Problem.ReadAsync(offeredFamily, HttpStatusCode.Conflict)).Code.Should().Be("account.active_place");
        declinedFamily.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _admin.GetRankedAsync(round.Id, bergs.Id)).Should().BeEquivalentTo(new
        {
            Status = ApplicationStatus.Declined, ChildFirstName = Application.ErasedName, ChildLastName = Application.ErasedName, Grade = 3,
        });
        (await MineAsync(adler)).Status.Should().Be(ApplicationStatus.Confirmed, "a refused deletion leaves everything as it was");
    }

    [Fact]
    public async Task ExportThenDeleteMe_WaitingInRound_ExportedThenWithdrawnErasedAndOffTheWaitlist()
    {
        await _admin.AmendStatuteAsync(StatuteClient.Rules);
        var school = await _admin.CreateSchoolAsync();
        var module = await _admin.CreateOfferingAsync(RoundClient.CriteriaTerms(school.Id, capacity: 0));
        var round = await _admin.CreateRoundAsync(_time.GetUtcNow().AddMinutes(5), module.Id);
        using var family = await SignedInFamily.RegisterAsync(_factory, "Geht");
        var application = await ApplyAsync(family, round.Id, module.Id, employedGuardians: 0);
        _time.Advance(TimeSpan.FromMinutes(5));
        await FireRemindersAsync();
        (await MineAsync(family)).Status.Should().Be(ApplicationStatus.Waitlisted);
        using (var export = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/export"))
        {
            using var json = JsonDocument.Parse(await export.Content.ReadAsStringAsync());
            json.RootElement.GetProperty("roundApplications").EnumerateArray().Select(a => (
                    a.GetProperty("application").GetProperty("id").GetGuid(),
                    a.GetProperty("roundTitle").GetString(),
                    a.GetProperty("birthDate").GetString(),
                    a.GetProperty("claims").GetProperty("guardians").GetArrayLength()))
                .Should().Equal((application.Id, "Schuljahr 2027/28", "2018-04-01", 0));
        }

        using var deleted = await family.Client.Http.DeleteAsync($"{family.Client.Tenant}/me");

        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _admin.GetRankedAsync(round.Id, application.Id)).Should().BeEquivalentTo(new
        {
            Status = ApplicationStatus.Withdrawn, ChildFirstName = Application.ErasedName, WaitlistPositions = Array.Empty<WaitlistPosition>(),
        });
        (await _admin.GetRoundAsync(round.Id)).Offerings.Should().ContainSingle().Which.Waitlisted.Should().Be(0);
    }

    private static async Task<RankedApplicationResponse> ApplyAsync(SignedInFamily family, Guid roundId, Guid offeringId, int employedGuardians)
    {
        var claims = new ClaimsRequest([.. Enumerable.Repeat(GuardianActivity.Employed, employedGuardians)], SingleParent: false, Hardship: false);
        var application = await family.Client.SubmitRankedAsync(roundId, new RankedApplicationRequest(null, family.Child.Id, 3, null, [offeringId], claims, null));
        application.Status.Should().Be(ApplicationStatus.Submitted);
        return application;
    }

    /// <summary>The family's only round application, as "my applications" shows it.</summary>
    private static async Task<RankedApplicationResponse> MineAsync(SignedInFamily family)
    {
        using var response = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/applications");
        var mine = await WebKitaClient.ReadAsync<FamilyApplicationsResponse>(response, HttpStatusCode.OK);
        mine.Applications.Should().BeEmpty();
        return mine.RoundApplications.Should().ContainSingle().Subject;
    }

    private Task<int> FireRemindersAsync() => _factory.Services.GetRequiredService<ReminderService>().FireDueAsync(default);

    private static string Row(string offering, string lastName, string status, RankedApplicationResponse application) =>
        string.Join(';', offering, lastName, "Mia", "2018-04-01", "3", status, application.Arrival.ToString(CultureInfo.InvariantCulture),
            application.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
}
