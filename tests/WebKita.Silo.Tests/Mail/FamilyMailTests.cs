using MimeKit;
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
/// Family mails from first-come-first-served offerings, end to end: events through the outbox,
/// notifications in PostgreSQL, MailKit to a real SMTP server on loopback, fake time for the
/// reminder 48 hours before an offer lapses.
/// </summary>
public sealed class FamilyMailTests : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-00000000a11c");
    private static readonly Actor Staff = new(Guid.Parse("57aff000-0000-4000-8000-00000000a11c"), Role.SchoolStaff, new HashSet<Guid> { Silos.SchoolId });

    /// <summary>Monday 2 March 2026, 9:00 in Berlin (CET), a day after the window opened.</summary>
    private static readonly DateTimeOffset T = Silos.Opens.AddDays(1);

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private SmtpInbox _inbox = null!;
    private string _connectionString = "";
    private MailSilo _silo = null!;
    private Guid _familyA;
    private Guid _familyB;
    private Guid _mia;
    private Guid _ben;

    public async Task InitializeAsync()
    {
        _inbox = await SmtpInbox.StartAsync();
        _connectionString = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _silo = await MailSilo.StartAsync(_connectionString, _time, _inbox.Port);
        (await _silo.SendAsync(OfferingId, new CreateOffering(Silos.Terms(capacity: 1)))).Refusal.Should().BeNull();
        _time.SetUtcNow(Silos.Opens);
        await _silo.SettleAsync();
        _familyA = await _silo.OpenAccountAsync("familie.a@example.org", Role.Family);
        _familyB = await _silo.OpenAccountAsync("familie.b@example.org", Role.Family);
        _mia = await _silo.ApplyAsync(OfferingId, new Child("Mia", "Becker", new DateOnly(2018, 4, 1), 2), _familyA);
        _ben = await _silo.ApplyAsync(OfferingId, new Child("<Ben>", "Schäfer", new DateOnly(2018, 5, 1), 2), _familyB);
        await _silo.SettleAsync();
        _time.SetUtcNow(T);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    [Fact]
    public async Task RejectThenOffer_FamilyApplications_RejectionWithReasonAndOfferWithBerlinDeadline()
    {
        (await _silo.SendAsync(OfferingId, new RejectApplicationAtOffering(_mia) { By = Staff, Reason = "Kind besucht eine andere Schule" })).Refusal.Should().BeNull();
        await _silo.SettleAsync();

        _inbox.Messages.Should().HaveCount(2, "the rush accepted Mia at once and waitlisted Ben: neither mails; the rejection and the offer do");
        var rejection = Single("familie.a@example.org");
        rejection.Subject.Should().Be("Anmeldung abgelehnt: Mia, Modul 2");
        rejection.From.Mailboxes.Single().Should().Match<MailboxAddress>(m => m.Name == MailSilo.County && m.Address == "webkita@mtk.example");
        rejection.TextBody.Should().Contain("Begründung: Kind besucht eine andere Schule").And.Contain($"{MailSilo.BaseUrl}/anmeldungen")
            .And.Contain(MailSilo.County).And.NotContain("Becker", "a first name is all a mail needs");
        rejection.Headers.Contains("List-Unsubscribe").Should().BeFalse("a rejection cannot be switched off");

        var offer = Single("familie.b@example.org");
        offer.Subject.Should().Be("Platzangebot für <Ben>: Modul 2");
        offer.TextBody.Should().Contain("bis Montag, 9. März 2026, 09:00 Uhr an", "seven days from 08:00 UTC is 09:00 in Berlin's winter time");
        offer.HtmlBody.Should().Contain("&lt;Ben&gt;").And.NotContain("<Ben>").And.Contain($"href=\"{MailSilo.BaseUrl}/anmeldungen\"");
        offer.MessageId.Should().EndWith("@mtk.example");
    }

    [Fact]
    public async Task OfferReminder_48HoursBeforeExpiry_MailedOnceWithTheDeadline()
    {
        await _silo.SendAsync(OfferingId, new WithdrawApplication(_mia));
        await _silo.SettleAsync();
        _inbox.Messages.Should().ContainSingle().Which.Subject.Should().StartWith("Platzangebot für <Ben>");

        _time.SetUtcNow(T.AddDays(5).AddTicks(-1));
        await _silo.SettleAsync();
        _inbox.Messages.Should().HaveCount(1, "the reminder is due 48 hours before the deadline, not earlier");

        _time.SetUtcNow(T.AddDays(5));
        await _silo.SettleAsync();
        _time.SetUtcNow(T.AddDays(5).AddHours(1));
        await _silo.SettleAsync();

        _inbox.Messages.Should().HaveCount(2);
        var reminder = _inbox.Messages[1];
        reminder.Subject.Should().Be("Erinnerung: Platzangebot für <Ben> läuft bald ab");
        reminder.TextBody.Should().Contain("läuft am Montag, 9. März 2026, 09:00 Uhr ab");
        reminder.Headers["List-Unsubscribe-Post"].Should().Be("List-Unsubscribe=One-Click");
        reminder.Headers["List-Unsubscribe"].Should().StartWith($"<{MailSilo.BaseUrl}/api/v1/tenants/{Silos.Tenant.Value}/mail/unsubscribe?token=");
    }

    [Fact]
    public async Task OfferReminder_OfferAnsweredBefore_NoReminderButTheConfirmation()
    {
        await _silo.SendAsync(OfferingId, new WithdrawApplication(_mia));
        await _silo.SettleAsync();
        (await _silo.SendAsync(OfferingId, new AcceptOfferedPlace(_ben))).Refusal.Should().BeNull();
        (await _silo.SendAsync(OfferingId, new ConfirmAcceptedPlace(_ben) { By = Staff })).Refusal.Should().BeNull();
        await _silo.SettleAsync();

        _time.SetUtcNow(T.AddDays(6));
        await _silo.SettleAsync();

        _inbox.Messages.Select(m => m.Subject).Should().Equal("Platzangebot für <Ben>: Modul 2", "Platz bestätigt: <Ben>, Modul 2");
        (await _silo.Store.ListRemindersAsync(new(Silos.Tenant.Value, MailKinds.OfferReminder, _ben), default)).Should().BeEmpty("it fired and found the offer answered");
    }

    [Fact]
    public async Task OptOut_RemindersSwitchedOff_OfferStillMailedAndNoReminder()
    {
        await _silo.Get<MailPreferenceBook>().ChangeAsync(
            Silos.Tenant, _familyB, p => p.SwitchOff([MailTopic.OfferReminder, MailTopic.Offer]), default);

        await _silo.SendAsync(OfferingId, new WithdrawApplication(_mia));
        await _silo.SettleAsync();
        _time.SetUtcNow(T.AddDays(6));
        await _silo.SettleAsync();

        _inbox.Messages.Should().ContainSingle("the offer itself cannot be switched off; the reminder can")
            .Which.Subject.Should().Be("Platzangebot für <Ben>: Modul 2");
    }

    [Fact]
    public async Task DeliverAsync_SameEventHandedOverTwice_OneNotificationOneMail()
    {
        await _silo.SendAsync(OfferingId, new WithdrawApplication(_mia));
        await _silo.SettleAsync();
        var offered = (await _silo.Store.ReadEventsAsync(Silos.Tenant.Value, _ben, default)).Single(e => e.Type == "application.offered");

        foreach (var subscriber in _silo.Get<IEnumerable<IOutboxSubscriber>>().OfType<MailOutbox>())
        {
            await subscriber.DeliverAsync(offered, default);
        }

        await _silo.SettleAsync();

        _inbox.Messages.Should().ContainSingle();
        (await _silo.NotificationsAsync(MailNotification.Sent)).Should().ContainSingle();
    }

    [Fact]
    public async Task WaitlistMovedUp_ChildBehindTheOfferedOne_FamilyMailedItsNewPosition()
    {
        var familyC = await _silo.OpenAccountAsync("familie.c@example.org", Role.Family);
        await _silo.ApplyAsync(OfferingId, new Child("Emma", "Wolf", new DateOnly(2018, 6, 1), 2), familyC);
        await _silo.SettleAsync();
        _inbox.Messages.Should().BeEmpty("joining a waitlist mails nobody");

        await _silo.SendAsync(OfferingId, new WithdrawApplication(_mia));
        await _silo.SettleAsync();

        _inbox.Messages.Select(m => m.Subject).Should().BeEquivalentTo("Platzangebot für <Ben>: Modul 2", "Warteliste: Emma ist vorgerückt");
        Single("familie.c@example.org").TextBody.Should().Contain("Emma steht auf der Warteliste für „Modul 2“ jetzt auf Platz 1.");
    }

    [Fact]
    public async Task WaitlistMovedUp_FamilySwitchedItOff_OnlyTheOfferIsMailed()
    {
        var familyC = await _silo.OpenAccountAsync("familie.c@example.org", Role.Family);
        await _silo.Get<MailPreferenceBook>().ChangeAsync(Silos.Tenant, familyC, p => p.SwitchOff([MailTopic.WaitlistMovedUp]), default);
        await _silo.ApplyAsync(OfferingId, new Child("Emma", "Wolf", new DateOnly(2018, 6, 1), 2), familyC);
        await _silo.SettleAsync();

        await _silo.SendAsync(OfferingId, new WithdrawApplication(_mia));
        await _silo.SettleAsync();

        _inbox.Messages.Should().ContainSingle().Which.To.Mailboxes.Single().Address.Should().Be("familie.b@example.org");
    }

    [Fact]
    public async Task RepeatedRegistration_EventForTheAccount_OwnerToldWithoutAnythingElse()
    {
        await _silo.Store.CommitAsync(
            new ChangeSet([], [new OutboxEntry(Silos.Tenant.Value, AccountMails.RepeatedRegistration, _familyA, T, "{}")], [], []), default);
        await _silo.SettleAsync();

        var mail = _inbox.Messages.Should().ContainSingle().Subject;
        mail.To.Mailboxes.Single().Address.Should().Be("familie.a@example.org");
        mail.Subject.Should().Be("Sie haben bereits ein Konto");
        mail.TextBody.Should().Contain($"{MailSilo.BaseUrl}/anmelden").And.Contain(MailSilo.County);
    }

    private MimeMessage Single(string to) => _inbox.Messages.Should().ContainSingle(m => m.To.Mailboxes.Single().Address == to).Subject;
}
