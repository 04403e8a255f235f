using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// First-come-first-served offers on a real PostgreSQL with two silos sharing it: offers expire
/// by the offering's durable reminder under fake time, each freed place goes to the next in
/// arrival order, staff decisions are audited in their transaction, and every status change
/// leaves an outbox event for the family.
/// </summary>
public sealed class OfferSiloTests : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-0000000000cc");
    private static readonly Actor Staff = new(Guid.Parse("57aff000-0000-4000-8000-0000000000c1"), Role.SchoolStaff, new HashSet<Guid> { Silos.SchoolId });
    private static readonly Actor StaffElsewhere = new(Guid.Parse("57aff000-0000-4000-8000-0000000000c2"), Role.SchoolStaff, new HashSet<Guid> { Guid.NewGuid() });
    private static readonly DateTimeOffset T = Silos.Opens.AddDays(1);

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private readonly List<NpgsqlDataSource> _dataSources = [];
    private readonly Dictionary<int, Guid> _ids = [];
    private string _connectionString = "";
    private Silo _a = null!;
    private Silo _b = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _a = await StartSiloAsync(_connectionString);
        _b = await StartSiloAsync(_connectionString);
        (await _a.Registration.SendAsync(Silos.Tenant, OfferingId, new CreateOffering(Silos.Terms(capacity: 2)), default)).Refusal.Should().BeNull();
        _time.SetUtcNow(Silos.Opens);
        await _a.Reminders.FireDueAsync(default); // registration opens
        for (var n = 1; n <= 5; n++)
        {
            var reply = await (n % 2 == 0 ? _a : _b).Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(n), null), default);
            _ids[n] = reply.Application!.Id;
        }

        _time.SetUtcNow(T);
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
    public async Task ExpiryChain_ReminderUnderFakeTimeOnEitherSilo_EachExpiredPlaceOfferedToTheNextInArrivalOrder()
    {
        (await Send(_a, new WithdrawApplication(_ids[1]))).Refusal.Should().BeNull();
        (await Status(3)).Should().Be(ApplicationStatus.Offered);
        (await OfferReminders()).Should().Equal(T.AddDays(7));

        _time.SetUtcNow(T.AddDays(1));
        (await Send(_b, new DeclineOfferedPlace(_ids[3]))).Application!.Status.Should().Be(ApplicationStatus.Declined);
        (await Status(4)).Should().Be(ApplicationStatus.Offered);
        (await OfferReminders()).Should().Equal([T.AddDays(8)], "the reminder moves with the earliest open offer");

        _time.SetUtcNow(T.AddDays(8).AddTicks(-1));
        (await _a.Reminders.FireDueAsync(default)).Should().Be(0);
        _time.SetUtcNow(T.AddDays(8));
        (await _a.Reminders.FireDueAsync(default)).Should().Be(1, "silo A decides on its cached offering, which silo B has changed since");
        (await Status(4)).Should().Be(ApplicationStatus.Expired);
        var fifth = (await _b.Registration.FindApplicationAsync(Silos.Tenant, _ids[5], default))!.Application;
        fifth.Should().Match<Application>(a => a.Status == ApplicationStatus.Offered && a.OfferExpiresAt == T.AddDays(15));
        (await OfferReminders()).Should().Equal(T.AddDays(15));

        _time.SetUtcNow(T.AddDays(15));
        (await _b.Reminders.FireDueAsync(default)).Should().Be(2, "the offer's expiry, and the registration window closed meanwhile");

        (await Status(5)).Should().Be(ApplicationStatus.Expired);
        (await OfferReminders()).Should().BeEmpty("no offer is open");
        var offering = (await _a.Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!;
        offering.Should().Match<Grains.Offerings.Offering>(o => o.Allocated == 1 && o.FreePlaces == 1 && o.Waitlist.IsEmpty && o.Offers.IsEmpty);
        (await Events(4)).Should().Equal("application.waitlisted", "application.offered", "application.expired");
        (await Events(5)).Should().Equal("application.waitlisted", "application.offered", "application.expired");
        (await Events(3)).Should().Equal("application.waitlisted", "application.offered", "application.declined");
    }

    [Fact]
    public async Task AcceptThenConfirm_ByFamilyAndStaff_ContractAuditedAndEventsForTheFamily()
    {
        await Send(_a, new WithdrawApplication(_ids[1]));

        var accepted = await Send(_b, new AcceptOfferedPlace(_ids[3]));
        var versionAfterAccept = (await _a.Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!.Version;
        var repeat = await Send(_a, new AcceptOfferedPlace(_ids[3]));
        var confirmed = await Send(_a, new ConfirmAcceptedPlace(_ids[3]) { By = Staff });

        accepted.Application!.Status.Should().Be(ApplicationStatus.Accepted);
        repeat.Refusal.Should().BeNull();
        repeat.Application!.Status.Should().Be(ApplicationStatus.Accepted);
        confirmed.Application!.Status.Should().Be(ApplicationStatus.Confirmed);
        (await _a.Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!.Version.Should().Be(versionAfterAccept + 1, "the repeated accept committed nothing");
        (await Events(3)).Should().Equal("application.waitlisted", "application.offered", "application.accepted", "application.confirmed");
        (await _a.Store.ReadAuditAsync(Silos.Tenant.Value, null, 10, default)).Should().ContainSingle()
            .Which.Should().Match<AuditEntry>(e => e.Action == nameof(ConfirmAcceptedPlace) && e.SubjectId == _ids[3] && e.ActorId == Staff.AccountId);
        (await OfferReminders()).Should().Equal([T.AddDays(7)], "a stale reminder fires once and finds nothing due");
    }

    [Fact]
    public async Task Reject_HeldPlaceWithReason_AuditedWithTheReasonAndThePlaceOffered()
    {
        var reply = await Send(_b, new RejectApplicationAtOffering(_ids[2]) { By = Staff, Reason = "Kind nicht an dieser Schule" });

        reply.Application!.Should().Match<Application>(a => a.Status == ApplicationStatus.Rejected && a.Reason == "Kind nicht an dieser Schule");
        (await Status(3)).Should().Be(ApplicationStatus.Offered);
        (await _a.Store.ReadAuditAsync(Silos.Tenant.Value, null, 10, default)).Should().ContainSingle()
            .Which.Should().Match<AuditEntry>(e => e.Action == nameof(RejectApplicationAtOffering) && e.Reason == "Kind nicht an dieser Schule");
        var rejected = (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, _ids[2], default))[^1];
        rejected.Type.Should().Be("application.rejected");
        System.Text.Json.JsonDocument.Parse(rejected.Payload).RootElement.GetProperty("reason").GetString().Should().Be("Kind nicht an dieser Schule");
    }

    [Fact]
    public async Task StaffDecisions_BadOrForeign_RefusedWithoutCommitOrAudit()
    {
        var version = (await _a.Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!.Version;

        (await Send(_a, new RejectApplicationAtOffering(_ids[1]) { By = Staff, Reason = " " })).Refusal!.Code.Should().Be("reason.required");
        (await Send(_a, new ConfirmAcceptedPlace(_ids[3]) { By = Staff })).Refusal!.Code.Should().Be("application.not_accepted");
        (await Send(_b, new ConfirmAcceptedPlace(_ids[1]) { By = StaffElsewhere })).Refusal!.Code.Should().Be("offering.not_found");

        (await _a.Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!.Version.Should().Be(version);
        (await _a.Store.ReadAuditAsync(Silos.Tenant.Value, null, 10, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task FamilyAnswer_OnAnotherFamilysApplication_RefusedAsNotFound()
    {
        await Send(_a, new WithdrawApplication(_ids[1]));
        var stranger = new Actor(Guid.NewGuid(), Role.Family);

        var reply = await Send(_b, new AcceptOfferedPlace(_ids[3]) { By = stranger });

        reply.Refusal!.Code.Should().Be("application.not_found");
        (await Status(3)).Should().Be(ApplicationStatus.Offered);
    }

    [Fact]
    public async Task Withdraw_OnFreshlyLoadedOfferingThatAnotherSiloChangesMidTurn_DecidedAgainOnFreshState()
    {
        // Silo C loads the offering (no cache), then, before it reads the applications, silo B
        // withdraws child 2 and offers that place to child 3. C must not fail: it decides again.
        var c = await StartSiloAsync(_connectionString, store => InterleavingStore.Wrap(
            store, "application", async () => (await Send(_b, new WithdrawApplication(_ids[2]))).Refusal.Should().BeNull()));
        await using var offerings = c.Offerings;

        var reply = await Send(c, new WithdrawApplication(_ids[1]));

        reply.Refusal.Should().BeNull();
        reply.Application!.Status.Should().Be(ApplicationStatus.Withdrawn);
        (await Status(3)).Should().Be(ApplicationStatus.Offered);
        (await Status(4)).Should().Be(ApplicationStatus.Offered, "the place child 1 freed goes to the next in line");
        (await Status(5)).Should().Be(ApplicationStatus.Waitlisted);
    }

    private Task<OfferingReply> Send(Silo silo, OfferingCommand command) => silo.Registration.SendAsync(Silos.Tenant, OfferingId, command, default);

    private async Task<ApplicationStatus> Status(int child) =>
        (await _a.Registration.FindApplicationAsync(Silos.Tenant, _ids[child], default))!.Application.Status;

    private async Task<IReadOnlyList<string>> Events(int child) =>
        [.. (await _a.Store.ReadEventsAsync(Silos.Tenant.Value, _ids[child], default)).Select(e => e.Type)];

    private async Task<IReadOnlyList<DateTimeOffset>> OfferReminders() =>
        [.. (await _a.Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Where(r => r.Name == RegistrationDirectory.OffersExpireReminder).Select(r => r.DueAt)];

    private async Task<Silo> StartSiloAsync(string connectionString, Func<IGrainStore, IGrainStore>? wrap = null)
    {
        var postgres = Silos.Postgres(connectionString, out var dataSource);
        _dataSources.Add(dataSource);
        await postgres.MigrateAsync(default);
        var store = wrap?.Invoke(postgres) ?? postgres;
        var options = new SiloOptions();
        var offerings = new EngineOfferings(store, _time, options);
        var registration = new RegistrationDirectory(store, offerings);
        return new Silo(store, offerings, registration, new ReminderService(store, [registration], _time, options, NullLogger<ReminderService>.Instance, new ProcessClaimants()));
    }

    private sealed record Silo(IGrainStore Store, EngineOfferings Offerings, RegistrationDirectory Registration, ReminderService Reminders);
}
