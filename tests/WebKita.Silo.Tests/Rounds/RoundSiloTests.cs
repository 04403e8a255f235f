using WebKita.Grains.Accounts;
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
/// Rounds on a real PostgreSQL with two silos sharing it, as two api processes would: the run at
/// the deadline happens once, offers expire by durable reminders under fake time, and every
/// status change leaves an outbox event for the family.
/// </summary>
public sealed class RoundSiloTests : IAsyncLifetime
{
    private static readonly Guid SchoolB = Guid.Parse("5c0a0000-0000-4000-8000-0000000000bb");
    private static readonly Actor Staff = new(Guid.Parse("57aff000-0000-4000-8000-000000000001"), Role.SchoolStaff, new HashSet<Guid> { Silos.SchoolId });

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private RoundSilo _a = null!;
    private RoundSilo _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _a = await RoundSilo.StartAsync(connectionString, _time);
        _b = await RoundSilo.StartAsync(connectionString, _time);
        (await _a.Statutes.AmendAsync(Silos.Tenant, [new CriterionRule(Criterion.Employment, 50), new CriterionRule(Criterion.Hardship, 100)], new GradeRange(1, 2), Guid.Empty, default))
            .Refusal.Should().BeNull();
        var terms = new RoundTerms("Schuljahr 2027/28", 2027, Deadline, 7,
        [
            new(OfferingA, Silos.SchoolId, new GradeRange(1, 4), 10),
            new(OfferingB, SchoolB, new GradeRange(1, 4), 5),
        ]);
        (await _a.Rounds.SendAsync(Silos.Tenant, RoundId, new CreateRound(terms), default)).Refusal.Should().BeNull();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task DeadlineReminder_BothSilosFireItAtOnce_TheRunHappensExactlyOnce()
    {
        await SubmitAsync(40);
        _time.SetUtcNow(Deadline);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var fired = await Task.WhenAll(
            Task.Run(async () => { await start.Task; return await _a.Reminders.FireDueAsync(default); }),
            Task.Run(async () => { await start.Task; return await _b.Reminders.FireDueAsync(default); }),
            Task.Run(async () => { start.SetResult(); await Task.Yield(); return 0; }));

        fired.Sum().Should().Be(1, "the store hands a due reminder to one claimant");
        await AssertRanOnceAsync(40);
    }

    [Fact]
    public async Task RunAllocation_SentToBothSilosAtOnce_SecondFindsItPublishedAndChangesNothing()
    {
        await SubmitAsync(40);
        _time.SetUtcNow(Deadline);
        var reminder = new Reminder(new GrainKey(Silos.Tenant.Value, GrainKinds.Round, RoundId), RoundDirectory.DeadlineReminder, Deadline);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var sends = new[] { _a, _b }.Select(silo => Task.Run(async () =>
        {
            await start.Task;
            return await silo.Rounds.SendAsync(Silos.Tenant, RoundId, new RunAllocation(reminder), default);
        })).ToArray();
        start.SetResult();
        var replies = await Task.WhenAll(sends);

        replies.Should().OnlyContain(r => r.Refusal == null && r.Round!.Phase == RoundPhase.Allocated);
        replies.Select(r => r.Round!.Run!.Seed).Distinct().Should().ContainSingle("both answers show the one published run");
        await AssertRanOnceAsync(40);
    }

    [Fact]
    public async Task OfferExpiry_ReminderChainUnderFakeTime_EachExpiredPlaceOfferedToTheNextInRank()
    {
        await SubmitAsync(20); // 20 children, 15 places: 5 wait
        _time.SetUtcNow(Deadline);
        await _a.Reminders.FireDueAsync(default);
        var waiting = (await Applications()).Where(a => a.Status == ApplicationStatus.Waitlisted).ToList();
        waiting.Should().HaveCount(5);
        // The waiting children are even ones, who rank only B: the offers left to lapse must be at B,
        // or the freed places would have nobody to go to (which ones hold B depends on the lottery).
        var offered = (await Applications()).Where(a => a.Status == ApplicationStatus.Offered).ToList();
        var lapsing = offered.Where(a => a.OfferingId == OfferingB).Take(3).ToHashSet();
        lapsing.Should().HaveCount(3);
        foreach (var application in offered.Where(a => !lapsing.Contains(a)))
        {
            (await _b.Rounds.SendAsync(Silos.Tenant, RoundId, new AcceptOffer(application.Id), default)).Refusal.Should().BeNull();
        }

        _time.SetUtcNow(Deadline.AddDays(7));
        (await _b.Reminders.FireDueAsync(default)).Should().Be(1);

        var afterFirst = await Applications();
        afterFirst.Count(a => a.Status == ApplicationStatus.Expired).Should().Be(3);
        var promoted = afterFirst.Where(a => a.Status == ApplicationStatus.Offered).ToList();
        promoted.Should().HaveCount(3).And.OnlyContain(a => a.OfferExpiresAt == Deadline.AddDays(14));
        (await _a.Store.ListRemindersAsync(new GrainKey(Silos.Tenant.Value, GrainKinds.Round, RoundId), default))
            .Should().ContainSingle().Which.DueAt.Should().Be(Deadline.AddDays(14));

        _time.SetUtcNow(Deadline.AddDays(14));
        (await _a.Reminders.FireDueAsync(default)).Should().Be(1, "silo A decides on its cached round, which silo B has changed since");

        var final = await Applications();
        final.Count(a => a.Status == ApplicationStatus.Expired).Should().Be(6);
        final.Count(a => a.Status == ApplicationStatus.Offered).Should().Be(2, "the last two waiting children got the places the second expiry freed");
        final.Count(a => a.Status == ApplicationStatus.Accepted).Should().Be(12);
        foreach (var application in promoted)
        {
            (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, application.Id, default)).Select(e => e.Type)
                .Should().Equal("application.submitted", "application.waitlisted", "application.offered", "application.expired");
        }
    }

    [Fact]
    public async Task Confirm_ByStaff_AuditedInTheSameTransactionAndEventForTheFamily()
    {
        await SubmitAsync(3);
        _time.SetUtcNow(Deadline);
        await _a.Reminders.FireDueAsync(default);
        var atSchoolA = (await Applications()).First(a => a.OfferingId == OfferingA);
        await _a.Rounds.SendAsync(Silos.Tenant, RoundId, new AcceptOffer(atSchoolA.Id), default);

        var reply = await _b.Rounds.SendAsync(Silos.Tenant, RoundId, new ConfirmPlace(atSchoolA.Id) { By = Staff }, default);

        reply.Application!.Status.Should().Be(ApplicationStatus.Confirmed);
        var audit = await _a.Store.ReadAuditAsync(Silos.Tenant.Value, null, 10, default);
        audit.Should().ContainSingle(e => e.Action == nameof(ConfirmPlace) && e.SubjectId == atSchoolA.Id && e.ActorId == Staff.AccountId);
        (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, atSchoolA.Id, default)).Select(e => e.Type).Should().EndWith(["application.accepted", "application.confirmed"]);
    }

    [Fact]
    public async Task StaffOfAnotherSchool_ConfirmOrOverride_RefusedAsNotFound()
    {
        await SubmitAsync(20);
        _time.SetUtcNow(Deadline);
        await _a.Reminders.FireDueAsync(default);
        var atSchoolB = (await Applications()).First(a => a.OfferingId == OfferingB && a.Preferences.Count == 1);

        var reply = await _a.Rounds.SendAsync(Silos.Tenant, RoundId, new ConfirmPlace(atSchoolB.Id) { By = Staff }, default);

        reply.Refusal!.Code.Should().Be("application.not_found");
    }

    private async Task AssertRanOnceAsync(int applications)
    {
        var round = (await _b.Rounds.FindRoundAsync(Silos.Tenant, RoundId, default))!;
        round.Phase.Should().Be(RoundPhase.Allocated);
        (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, RoundId, default)).Select(e => e.Type).Should().Equal("round.allocated");
        var all = await Applications();
        all.Should().HaveCount(applications).And.OnlyContain(a => round.Explain(a)!.Seed == round.Run!.Seed);
        foreach (var application in all)
        {
            (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, application.Id, default)).Select(e => e.Type)
                .Should().Equal("application.submitted", application.Status == ApplicationStatus.Offered ? "application.offered" : "application.waitlisted");
        }

        (await _a.Store.ListRemindersAsync(new GrainKey(Silos.Tenant.Value, GrainKinds.Round, RoundId), default))
            .Should().ContainSingle().Which.Name.Should().Be(RoundDirectory.OfferExpiryReminder, "the deadline reminder is gone, the offers' expiry is set");
    }

    /// <summary>Children 1..n, grade 3 (no entitlement in 2027/28): odd ones rank A then B, even ones only B.</summary>
    private async Task SubmitAsync(int count)
    {
        var replies = await Task.WhenAll(Enumerable.Range(1, count).Select(n =>
        {
            var child = Silos.Child(n) with { Grade = 3 };
            var facts = n % 3 == 0 ? ApplicantFacts.None with { Guardians = [new GuardianSituation(GuardianActivity.Employed, Evidence.VerifiedByStaff)] } : ApplicantFacts.None;
            var form = new ApplicationForm(child, n % 2 == 1 ? [OfferingA, OfferingB] : [OfferingB], facts, null, null);
            return (n % 2 == 0 ? _a : _b).Rounds.SendAsync(Silos.Tenant, RoundId, new SubmitRankedApplication(form, null), default);
        }));
        replies.Should().OnlyContain(r => r.Refusal == null && r.Created);
    }

    private async Task<IReadOnlyList<RankedApplication>> Applications() => await _a.Rounds.ListApplicationsAsync(Silos.Tenant, RoundId, default);
}
