using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// Two silos, as two api processes would be: each with its own connection pool, store,
/// activations and reminder service, sharing one PostgreSQL database.
/// </summary>
public sealed class TwoSiloTests : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-0000000000bb");
    private readonly ManualTimeProvider _time = new(Silos.Start);
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private Silo _a = null!;
    private Silo _b = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _a = await StartSiloAsync(connectionString);
        _b = await StartSiloAsync(connectionString);
    }

    public async Task DisposeAsync()
    {
        await _a.Offerings.DisposeAsync();
        await _b.Offerings.DisposeAsync();
        foreach (var dataSource in _dataSources)
        {
            await dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task SendAsync_BothSilosBookOneOffering_NoLostUpdateAndFirstComersAllocated()
    {
        await CreateOfferingAsync(capacity: 300);
        _time.SetUtcNow(Silos.Opens);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var fromA = SubmitWhenStarted(_a, start.Task, Enumerable.Range(1, 500));
        var fromB = SubmitWhenStarted(_b, start.Task, Enumerable.Range(501, 500));
        start.SetResult();
        var replies = (await fromA).Concat(await fromB).ToList();

        replies.Should().HaveCount(1000).And.OnlyContain(r => r.Refusal == null && r.Created);
        var offering = (await _a.Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!;
        var applications = await _a.Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default);
        applications.Should().HaveCount(1000);
        (offering.Allocated + offering.Waitlist.Count).Should().Be(applications.Count);
        offering.Arrivals.Should().Be(1000);
        offering.Allocated.Should().Be(300);
        applications.Select(a => a.Application.Arrival).Should().Equal(Enumerable.Range(1, 1000).Select(n => (long)n));
        applications.Take(300).Should().OnlyContain(a => a.Application.Status == ApplicationStatus.Accepted);
        applications.Skip(300).Should().OnlyContain(a => a.Application.Status == ApplicationStatus.Waitlisted);
        applications.Skip(300).Select(a => a.WaitlistPosition).Should().Equal(Enumerable.Range(1, 700).Select(n => (int?)n));
        offering.Waitlist.Should().Equal(applications.Skip(300).Select(a => a.Application.Id));
        var committed = applications.ToDictionary(a => a.Application.Id);
        replies.Should().OnlyContain(r => committed[r.Application!.Id].Application == r.Application, "each caller was told what was committed");
    }

    [Fact]
    public async Task SendAsync_SameChildFromBothSilosConcurrently_CreatesOneApplication()
    {
        await CreateOfferingAsync(capacity: 10);
        _time.SetUtcNow(Silos.Opens);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var fromA = SubmitWhenStarted(_a, start.Task, Enumerable.Repeat(7, 10));
        var fromB = SubmitWhenStarted(_b, start.Task, Enumerable.Repeat(7, 10));
        start.SetResult();
        var replies = (await fromA).Concat(await fromB).ToList();

        replies.Count(r => r.Created).Should().Be(1);
        replies.Select(r => r.Application!.Id).Distinct().Should().Equal(Application.IdFor(Silos.Tenant, OfferingId, Silos.Child(7)));
        (await _b.Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default)).Should().ContainSingle();
        (await _b.Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Should().Match<Offering>(o => o.Arrivals == 1 && o.Allocated == 1);
    }

    [Fact]
    public async Task FireDueAsync_BothSilosAtOnce_FiresReminderOnce()
    {
        await CreateOfferingAsync(capacity: 1);
        _time.SetUtcNow(Silos.Opens);

        var fired = await Task.WhenAll(Task.Run(() => _a.Reminders.FireDueAsync(default)), Task.Run(() => _b.Reminders.FireDueAsync(default)));
        var firedAgain = await Task.WhenAll(_a.Reminders.FireDueAsync(default), _b.Reminders.FireDueAsync(default));

        fired.Sum().Should().Be(1);
        firedAgain.Sum().Should().Be(0);
        (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Select(e => e.Type).Should().Equal("offering.registration_open");
        (await _b.Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
    }

    [Fact]
    public async Task FireDueAsync_ClaimantDiedBeforeFiring_OtherSiloFiresAfterLease()
    {
        await CreateOfferingAsync(capacity: 1);
        _time.SetUtcNow(Silos.Opens);
        // Silo A claims the reminder the way its ReminderService does, then dies before firing it.
        (await _a.Store.ClaimDueRemindersAsync(_time.GetUtcNow(), TimeSpan.FromMinutes(1), 100, new ProcessClaimants().Current(), default)).Should().ContainSingle();

        var duringLease = await _b.Reminders.FireDueAsync(default);
        _time.Advance(TimeSpan.FromMinutes(1));
        var afterLease = await _b.Reminders.FireDueAsync(default);

        duringLease.Should().Be(0);
        afterLease.Should().Be(1);
        (await _b.Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
        (await _b.Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Should().ContainSingle();
    }

    [Fact]
    public async Task SendAsync_OfferingCreatedOnOtherSiloAfterAMiss_IsFound()
    {
        _time.SetUtcNow(Silos.Opens);
        (await Submit(_b, 1)).Refusal!.Code.Should().Be("offering.not_found");

        await CreateOfferingAsync(capacity: 1);
        var reply = await Submit(_b, 1);

        reply.Refusal.Should().BeNull();
        reply.Created.Should().BeTrue();
        reply.Application!.Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public async Task SendAsync_TermsChangedOnOtherSilo_RefusalDecidedOnNewTerms()
    {
        await CreateOfferingAsync(capacity: 1);
        _time.SetUtcNow(Silos.Opens);
        var fifthGrader = Silos.Child(1) with { Grade = 5 };
        (await _b.Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(fifthGrader, null), default))
            .Refusal!.Code.Should().Be("application.grade_not_offered");

        var wider = Silos.Terms(capacity: 1) with { Grades = new GradeRange(1, 6) };
        (await _a.Registration.SendAsync(Silos.Tenant, OfferingId, new ChangeOfferingTerms(wider), default)).Refusal.Should().BeNull();
        var reply = await _b.Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(fifthGrader, null), default);

        reply.Refusal.Should().BeNull();
        reply.Application!.Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public async Task SendAsync_RepeatOfChildWaitlistedOnOtherSilo_RepliesCommittedPosition()
    {
        await CreateOfferingAsync(capacity: 1);
        _time.SetUtcNow(Silos.Opens);
        (await Submit(_b, 1)).Application!.Status.Should().Be(ApplicationStatus.Accepted);
        var waitlisted = await Submit(_a, 2);
        waitlisted.WaitlistPosition.Should().Be(1);

        var repeat = await Submit(_b, 2);

        repeat.Created.Should().BeFalse();
        repeat.Application.Should().Be(waitlisted.Application);
        repeat.WaitlistPosition.Should().Be(1);
        repeat.Offering.Should().BeEquivalentTo(waitlisted.Offering);
    }

    private static Task<OfferingReply[]> SubmitWhenStarted(Silo silo, Task start, IEnumerable<int> children) =>
        Task.Run(async () =>
        {
            await start;
            return await Task.WhenAll(children.Select(n =>
                silo.Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(n), null), default)));
        });

    private static Task<OfferingReply> Submit(Silo silo, int child) =>
        silo.Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(child), null), default);

    private async Task CreateOfferingAsync(int capacity)
    {
        var reply = await _a.Registration.SendAsync(Silos.Tenant, OfferingId, new CreateOffering(Silos.Terms(capacity)), default);
        reply.Refusal.Should().BeNull();
    }

    private async Task<Silo> StartSiloAsync(string connectionString)
    {
        var store = Silos.Postgres(connectionString, out var dataSource);
        _dataSources.Add(dataSource);
        await store.MigrateAsync(default);
        var options = new SiloOptions();
        var offerings = new EngineOfferings(store, _time, options);
        var registration = new RegistrationDirectory(store, offerings);
        return new Silo(store, offerings, registration, new ReminderService(store, [registration], _time, options, NullLogger<ReminderService>.Instance, new ProcessClaimants()));
    }

    private sealed record Silo(IGrainStore Store, EngineOfferings Offerings, RegistrationDirectory Registration, ReminderService Reminders);
}
