using System.Text.Json.Nodes;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Tests.Registration;
using WebKita.Testing;
using static WebKita.Silo.Tests.Rounds.RoundSilo;

namespace WebKita.Silo.Tests.Rounds;

/// <summary>
/// How a round lies in the store: a small head, a row per offering, and per application its form
/// and, once the round decided about it, a small standing. A commit writes what changed; rounds
/// stored whole before read the same and move into rows at their next commit.
/// </summary>
public sealed class RoundRowsTests : IAsyncLifetime
{
    private static readonly RoundTerms Terms = new("Schuljahr 2027/28", 2027, Deadline, 7,
    [
        new(OfferingA, Silos.SchoolId, new GradeRange(1, 4), 3),
        new(OfferingB, Silos.SchoolId, new GradeRange(1, 4), 2),
    ]);

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private RoundSilo _silo = null!;

    private IGrainStore Store => _silo.Store;

    private RoundDirectory Rounds => _silo.Rounds;

    public async Task InitializeAsync()
    {
        _silo = await RoundSilo.StartAsync(await (await PostgresServer.Shared).CreateDatabaseAsync(), _time);
        (await _silo.Statutes.AmendAsync(Silos.Tenant, [new CriterionRule(Criterion.Employment, 50)], new GradeRange(1, 2), Guid.Empty, default)).Refusal.Should().BeNull();
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task Run_WritesEachApplicationsStanding_TheFormsStayAsSubmitted()
    {
        await CreateAndSubmitAsync(8);
        _time.SetUtcNow(Deadline);

        (await _silo.Reminders.FireDueAsync(default)).Should().Be(1);

        var forms = await Rows(GrainKinds.RankedApplication);
        forms.Should().HaveCount(8).And.OnlyContain(r => r.Version == 1 && Json(r)["status"]!.ToString() == "Submitted");
        (await Rows(GrainKinds.RankedApplicationStanding)).Should().HaveCount(8).And.OnlyContain(r => r.Version == 1);
        var applications = await Rounds.ListApplicationsAsync(Silos.Tenant, RoundId, default);
        applications.Count(a => a.Status == ApplicationStatus.Offered).Should().Be(5);
        applications.Count(a => a.Status == ApplicationStatus.Waitlisted).Should().Be(3);
        applications.Should().OnlyContain(a => a.Ranking != null);
        Json((await Rows(GrainKinds.Round)).Single())["offerings"]!.AsArray().Should().BeEmpty("the offerings live in rows of their own");
        var round = (await Rounds.FindRoundAsync(Silos.Tenant, RoundId, default))!;
        round.Offerings.Select(o => o.OfferingId).Should().Equal(OfferingA, OfferingB);
        round.Offerings.Sum(o => o.Held).Should().Be(5);
        round.Offerings.Sum(o => o.Waitlist.Count).Should().Be(6, "each waiting child waits at both offerings it ranked");
    }

    [Fact]
    public async Task Submission_BeforeTheDeadline_WritesTheHeadAndTheFormOnly()
    {
        await CreateAndSubmitAsync(1);
        var offerings = await Versions(GrainKinds.RoundOffering);

        await SubmitAsync(2);

        (await Versions(GrainKinds.RoundOffering)).Should().Equal(offerings, "a submission changes no offering's places");
        (await Rows(GrainKinds.Round)).Single().Version.Should().Be(3);
    }

    [Fact]
    public async Task AnswersToOffers_WriteTheStandingAndOnlyTheOfferingsWhosePlacesMoved()
    {
        await CreateAndSubmitAsync(8);
        _time.SetUtcNow(Deadline);
        await _silo.Reminders.FireDueAsync(default);
        var applications = await Rounds.ListApplicationsAsync(Silos.Tenant, RoundId, default);
        var formsBefore = await Versions(GrainKinds.RankedApplication);
        var offeringsBefore = await Versions(GrainKinds.RoundOffering);
        var accepting = applications.First(a => a.Status == ApplicationStatus.Offered);

        (await Rounds.SendAsync(Silos.Tenant, RoundId, new AcceptOffer(accepting.Id), default)).Refusal.Should().BeNull();

        (await Versions(GrainKinds.RoundOffering)).Should().Equal(offeringsBefore, "accepting an offer moves no place");
        (await Versions(GrainKinds.RankedApplicationStanding))[accepting.Id].Should().Be(2);
        var declining = applications.First(a => a.Status == ApplicationStatus.Offered && a.Id != accepting.Id);

        (await Rounds.SendAsync(Silos.Tenant, RoundId, new DeclineOffer(declining.Id), default)).Refusal.Should().BeNull();

        var offeringsAfter = await Versions(GrainKinds.RoundOffering);
        offeringsAfter.Count(o => o.Value != offeringsBefore[o.Key]).Should().BeInRange(1, 2, "the freed place and the waitlists its next holder left");
        (await Versions(GrainKinds.RankedApplication)).Should().Equal(formsBefore, "no decision changed what a family stated");
        (await Rounds.FindApplicationAsync(Silos.Tenant, declining.Id, default))!.Status.Should().Be(ApplicationStatus.Declined);
    }

    [Fact]
    public async Task StoredWhole_AsBeforeThePartition_ReadsTheSameAndMovesIntoRowsAtItsNextCommit()
    {
        var rules = (await _silo.Statutes.FindAsync(Silos.Tenant, default))!.Current().Rules;
        var round = AllocationRound.Create(Silos.Tenant, RoundId, Terms).Value!;
        var submitted = new List<RankedApplication>();
        for (var n = 1; n <= 8; n++)
        {
            var change = round.Submit(null, Form(n), Silos.Start).Value!;
            round = change.Round;
            submitted.AddRange(change.Changed);
        }

        var run = round.Allocate(submitted, rules, "0123456789abcdef", Deadline)!;
        await Store.CommitAsync(new ChangeSet(
            [
                new(new GrainKey(Silos.Tenant.Value, GrainKinds.Round, RoundId), 0, GrainJson.Serialize(run.Round)),
                .. run.Changed.Select(a => new GrainWrite(new GrainKey(Silos.Tenant.Value, GrainKinds.RankedApplication, a.Id), 0, GrainJson.Serialize(a), RoundId)),
            ], [], [], []), default);

        (await Rounds.FindRoundAsync(Silos.Tenant, RoundId, default)).Should().BeEquivalentTo(run.Round);
        (await Rounds.ListApplicationsAsync(Silos.Tenant, RoundId, default)).Should().BeEquivalentTo(run.Changed);
        _time.SetUtcNow(Deadline);
        var accepting = run.Changed.First(a => a.Status == ApplicationStatus.Offered);

        (await Rounds.SendAsync(Silos.Tenant, RoundId, new AcceptOffer(accepting.Id), default)).Refusal.Should().BeNull();

        (await Rows(GrainKinds.RoundOffering)).Should().HaveCount(2);
        Json((await Rows(GrainKinds.Round)).Single())["offerings"]!.AsArray().Should().BeEmpty();
        (await Rounds.FindRoundAsync(Silos.Tenant, RoundId, default)).Should().BeEquivalentTo(run.Round, "accepting changed no place");
        (await Rounds.FindApplicationAsync(Silos.Tenant, accepting.Id, default)).Should().BeEquivalentTo(
            accepting with { Status = ApplicationStatus.Accepted, ChangedAt = Deadline });
        (await Versions(GrainKinds.RankedApplication)).Values.Should().OnlyContain(v => v == 1, "the accepted application's form stayed");
    }

    private async Task CreateAndSubmitAsync(int count)
    {
        (await Rounds.SendAsync(Silos.Tenant, RoundId, new CreateRound(Terms), default)).Refusal.Should().BeNull();
        for (var n = 1; n <= count; n++)
        {
            await SubmitAsync(n);
        }
    }

    private async Task SubmitAsync(int n) =>
        (await Rounds.SendAsync(Silos.Tenant, RoundId, new SubmitRankedApplication(Form(n), null), default)).Refusal.Should().BeNull();

    /// <summary>Grade 3 (no entitlement in 2027/28), odd children rank A then B, even ones B then A.</summary>
    private static ApplicationForm Form(int n) =>
        new(Silos.Child(n) with { Grade = 3 }, n % 2 == 1 ? [OfferingA, OfferingB] : [OfferingB, OfferingA], ApplicantFacts.None, null, null);

    private async Task<IReadOnlyList<StoredGrain>> Rows(string kind) => await Store.ListAsync(Silos.Tenant.Value, kind, null, default);

    private async Task<Dictionary<Guid, long>> Versions(string kind) => (await Rows(kind)).ToDictionary(r => r.Key.Id, r => r.Version);

    private static JsonObject Json(StoredGrain row) => JsonNode.Parse(row.State)!.AsObject();
}
