using SmtpServer.Protocol;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Silo.Mail;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Tests.Registration;
using WebKita.Testing;
using WebKita.Testing.Smtp;

namespace WebKita.Silo.Tests.Mail;

/// <summary>
/// What sending promises: at least once, with a Message-Id that makes a repeat recognisable;
/// retries with growing pauses while the relay fails; dead after too many failures, or at once
/// when the relay refuses for good.
/// </summary>
public sealed class MailDeliveryTests : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-00000000de11");
    private static readonly DateTimeOffset T = Silos.Opens.AddDays(1);

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private readonly List<MailSilo> _silos = [];
    private SmtpInbox _inbox = null!;
    private string _connectionString = "";
    private Guid _mia;

    public async Task InitializeAsync()
    {
        _inbox = await SmtpInbox.StartAsync();
        _connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        var silo = await StartAsync();
        (await silo.SendAsync(OfferingId, new CreateOffering(Silos.Terms(capacity: 1)))).Refusal.Should().BeNull();
        _time.SetUtcNow(Silos.Opens);
        await silo.SettleAsync();
        var family = await silo.OpenAccountAsync("familie@example.org", Role.Family);
        var other = await silo.OpenAccountAsync("andere@example.org", Role.Family);
        await silo.ApplyAsync(OfferingId, new Child("Lea", "Kurz", new DateOnly(2018, 2, 1), 2), other);
        _mia = await silo.ApplyAsync(OfferingId, new Child("Mia", "Lang", new DateOnly(2018, 3, 1), 2), family);
        await silo.SettleAsync();
        _time.SetUtcNow(T);
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        await _inbox.DisposeAsync();
    }

    [Fact]
    public async Task CrashBetweenSendAndMark_ReminderFiresAgainAfterItsLease_SameMessageIdSoOneDistinctMail()
    {
        var dying = await StartAsync(store => CrashingStore.Wrap(store, changes => changes.Writes.Any(w => w.Key.Kind == MailKinds.Notification && w.ExpectedVersion > 0)));
        await OfferMiaAsync(dying);
        await dying.SettleAsync();
        _inbox.Messages.Should().ContainSingle("the relay took the mail; recording it failed");
        (await dying.NotificationsAsync(MailNotification.Pending)).Should().ContainSingle();

        var survivor = await StartAsync();
        await survivor.SettleAsync();
        _inbox.Messages.Should().ContainSingle("the dead process's claim on the reminder holds for a minute");
        _time.Advance(TimeSpan.FromMinutes(1));
        await survivor.SettleAsync();

        _inbox.Messages.Should().HaveCount(2, "at least once: the mail is sent again");
        _inbox.Messages.Select(m => m.MessageId).Distinct().Should().ContainSingle("a repeat carries the same Message-Id, so the receiver sees one mail");
        _inbox.Messages[1].TextBody.Should().Be(_inbox.Messages[0].TextBody);
        _inbox.Messages[1].Date.Should().Be(_inbox.Messages[0].Date);
        (await survivor.NotificationsAsync(MailNotification.Sent)).Should().ContainSingle().Which.Attempts.Should().Be(1);
        _time.Advance(TimeSpan.FromHours(3));
        await survivor.SettleAsync();
        _inbox.Messages.Should().HaveCount(2, "once recorded as sent, nothing fires again");
    }

    [Fact]
    public async Task RelayUnreachable_RetriesWithDoublingPauses_DeadAfterEightAttemptsAndListed()
    {
        var silo = await StartAsync(smtpPort: FreePort.Next());
        await OfferMiaAsync(silo);
        await silo.SettleAsync();

        var pauses = new List<TimeSpan>();
        for (var attempt = 1; attempt < MailNotification.MaxAttempts; attempt++)
        {
            var notification = (await silo.NotificationsAsync(MailNotification.Pending)).Should().ContainSingle().Subject;
            notification.Attempts.Should().Be(attempt);
            notification.LastError.Should().NotBeNullOrEmpty();
            var due = (await silo.Store.ListRemindersAsync(MailQueue.Key(Silos.Tenant, notification.Id), default)).Single().DueAt;
            pauses.Add(due - notification.LastAttemptAt!.Value);
            _time.SetUtcNow(due);
            await silo.SettleAsync();
        }

        pauses.Should().Equal([.. Enumerable.Range(0, 7).Select(i => TimeSpan.FromMinutes(1 << i))]);
        var dead = (await silo.NotificationsAsync(MailNotification.Dead)).Should().ContainSingle().Subject;
        dead.Attempts.Should().Be(MailNotification.MaxAttempts);
        (await silo.NotificationsAsync(MailNotification.Pending)).Should().BeEmpty();
        (await silo.Store.ListRemindersAsync(MailQueue.Key(Silos.Tenant, dead.Id), default)).Should().BeEmpty();
    }

    [Fact]
    public async Task RelayBusy_TemporaryRefusalThenAccepts_SentOnTheSecondAttempt()
    {
        var silo = await StartAsync();
        _inbox.Refuse(new SmtpResponse(SmtpReplyCode.InsufficientStorage, "try later"));
        await OfferMiaAsync(silo);
        await silo.SettleAsync();
        (await silo.NotificationsAsync(MailNotification.Pending)).Should().ContainSingle().Which.LastError.Should().Contain("try later");

        _inbox.Refuse(null);
        _time.Advance(TimeSpan.FromMinutes(1));
        await silo.SettleAsync();

        _inbox.Messages.Should().ContainSingle();
        (await silo.NotificationsAsync(MailNotification.Sent)).Should().ContainSingle().Which.Attempts.Should().Be(2);
    }

    [Fact]
    public async Task RelayRefusesForGood_DeadAfterOneAttempt()
    {
        var silo = await StartAsync();
        _inbox.Refuse(SmtpResponse.MailboxUnavailable);
        await OfferMiaAsync(silo);
        await silo.SettleAsync();

        var dead = (await silo.NotificationsAsync(MailNotification.Dead)).Should().ContainSingle().Subject;
        dead.Attempts.Should().Be(1);
        dead.LastError.Should().StartWith(nameof(MailRefusedException));
        (await silo.Store.ListRemindersAsync(MailQueue.Key(Silos.Tenant, dead.Id), default)).Should().BeEmpty();
    }

    [Fact]
    public async Task SendReminder_FiredByAProcessWithoutTheTenantsSettings_MailWaitsForOneThatHasThem()
    {
        var configured = await StartAsync();
        var unconfigured = await MailSilo.StartAsync(_connectionString, _time, _inbox.Port, mailsTheTenant: false);
        _silos.Add(unconfigured);
        await OfferMiaAsync(configured);
        await configured.Get<OutboxDispatcher>().DispatchPendingAsync(default);

        await unconfigured.SettleAsync();
        _inbox.Messages.Should().BeEmpty();
        (await unconfigured.NotificationsAsync(MailNotification.Pending)).Should().ContainSingle().Which.Attempts.Should().Be(0);

        _time.Advance(TimeSpan.FromMinutes(1));
        await configured.SettleAsync();
        _inbox.Messages.Should().ContainSingle();
    }

    private async Task OfferMiaAsync(MailSilo silo)
    {
        var lea = (await silo.Get<RegistrationDirectory>().ListApplicationsAsync(Silos.Tenant, OfferingId, default)).Single(a => a.Application.Child.FirstName == "Lea");
        (await silo.SendAsync(OfferingId, new WithdrawApplication(lea.Application.Id))).Refusal.Should().BeNull();
        (await silo.Get<RegistrationDirectory>().FindApplicationAsync(Silos.Tenant, _mia, default))!.Application.Status.Should().Be(ApplicationStatus.Offered);
    }

    private async Task<MailSilo> StartAsync(Func<IGrainStore, IGrainStore>? wrap = null, int? smtpPort = null)
    {
        var silo = await MailSilo.StartAsync(_connectionString, _time, smtpPort ?? _inbox.Port, wrap);
        _silos.Add(silo);
        return silo;
    }
}
