using WebKita.Grains.Accounts;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Statutes;
using WebKita.Silo.Tests.Registration;
using WebKita.Testing;
using WebKita.Testing.Smtp;

namespace WebKita.Silo.Tests.Mail;

/// <summary>Family mails from an allocation round: the run's offer with its deadline (in summer time), and the reminder before it lapses.</summary>
public sealed class RoundMailTests : IAsyncLifetime
{
    private static readonly Guid RoundId = Guid.Parse("50000000-0000-4000-8000-00000000a11c");
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-00000000a1a1");

    /// <summary>Tuesday 31 March 2026, 9:00 in Berlin: two days into summer time.</summary>
    private static readonly DateTimeOffset Deadline = Silos.Start.AddDays(30);

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private SmtpInbox _inbox = null!;
    private MailSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _inbox = await SmtpInbox.StartAsync();
        _silo = await MailSilo.StartAsync(await (await PostgresServer.Shared).CreateDatabaseAsync(), _time, _inbox.Port);
        (await _silo.Get<StatuteDirectory>().AmendAsync(Silos.Tenant, [new CriterionRule(Criterion.Hardship, 100)], new GradeRange(1, 2), Guid.Empty, default))
            .Refusal.Should().BeNull();
        (await _silo.SendAsync(OfferingId, new CreateOffering(Silos.Terms(capacity: 1, AllocationMode.CriteriaAtDeadline) with { Title = "Hort Sonnenschein" }))).Refusal.Should().BeNull();
        var terms = new RoundTerms("Schuljahr 2026/27", 2026, Deadline, 7, [new(OfferingId, Silos.SchoolId, new GradeRange(1, 4), 1)]);
        (await _silo.Get<RoundDirectory>().SendAsync(Silos.Tenant, RoundId, new CreateRound(terms), default)).Refusal.Should().BeNull();
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    [Fact]
    public async Task RunAtDeadline_OneOfferedOneWaiting_OfferMailedWithSummerTimeDeadlineThenReminder()
    {
        var families = new[] { "runde.a@example.org", "runde.b@example.org" };
        var names = new[] { "Jonas", "Lina" };
        for (var i = 0; i < 2; i++)
        {
            var family = await _silo.OpenAccountAsync(families[i], Role.Family);
            var form = new ApplicationForm(new Child(names[i], "Runde", new DateOnly(2018, 1, 1 + i), 3), [OfferingId], ApplicantFacts.None, null, family);
            (await _silo.Get<RoundDirectory>().SendAsync(Silos.Tenant, RoundId, new SubmitRankedApplication(form, null), default)).Refusal.Should().BeNull();
        }

        _time.SetUtcNow(Deadline);
        await _silo.SettleAsync();

        var applications = await _silo.Get<RoundDirectory>().ListApplicationsAsync(Silos.Tenant, RoundId, default);
        var offered = applications.Should().ContainSingle(a => a.Status == ApplicationStatus.Offered).Subject;
        var offer = _inbox.Messages.Should().ContainSingle("the waiting child's family gets no mail for waiting").Subject;
        offer.Subject.Should().Be($"Platzangebot für {offered.Child.FirstName}: Hort Sonnenschein");
        offer.TextBody.Should().Contain("bis Dienstag, 7. April 2026, 09:00 Uhr an", "07:00 UTC is 09:00 in Berlin's summer time");

        _time.SetUtcNow(Deadline.AddDays(5));
        await _silo.SettleAsync();

        _inbox.Messages.Should().HaveCount(2);
        _inbox.Messages[1].Subject.Should().Be($"Erinnerung: Platzangebot für {offered.Child.FirstName} läuft bald ab");
        _inbox.Messages.Select(m => m.To.Mailboxes.Single().Address).Distinct().Should().ContainSingle();
    }
}
