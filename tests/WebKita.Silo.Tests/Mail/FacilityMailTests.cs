using System.Collections.Immutable;
using System.Text;
using WebKita.Grains.Accounts;
using WebKita.Grains.Buildings;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;
using WebKita.Silo.Devices;
using WebKita.Silo.Mail;
using WebKita.Silo.Tests.Registration;
using WebKita.Testing;
using WebKita.Testing.Smtp;

namespace WebKita.Silo.Tests.Mail;

/// <summary>Facility managers' mails: tickets and escalations of their buildings, by the severity each chose.</summary>
public sealed class FacilityMailTests : IAsyncLifetime
{
    private static readonly Guid BuildingId = Guid.Parse("b0000000-0000-4000-8000-00000000a11c");
    private static readonly Guid OtherBuildingId = Guid.Parse("b0000000-0000-4000-8000-00000000a11d");

    private readonly ManualTimeProvider _time = new(Silos.Start);
    private SmtpInbox _inbox = null!;
    private MailSilo _silo = null!;
    private Guid _everything;
    private Guid _majorOnly;

    public async Task InitializeAsync()
    {
        _inbox = await SmtpInbox.StartAsync();
        _silo = await MailSilo.StartAsync(await (await PostgresServer.Shared).CreateDatabaseAsync(), _time, _inbox.Port);
        var buildings = _silo.Get<BuildingDirectory>();
        (await buildings.CreateAsync(Silos.Tenant, BuildingId, Silos.SchoolId, "Haus A", [new Room("A1.12", "Klasse 2b")], default)).Refusal.Should().BeNull();
        (await buildings.CreateAsync(Silos.Tenant, OtherBuildingId, Silos.SchoolId, "Haus B", [new Room("B0.01", "Mensa")], default)).Refusal.Should().BeNull();
        _everything = await _silo.OpenAccountAsync("hausmeister@example.org", Role.FacilityManager, BuildingId);
        _majorOnly = await _silo.OpenAccountAsync("leitung@example.org", Role.FacilityManager, BuildingId, OtherBuildingId);
        await _silo.Get<MailPreferenceBook>().ChangeAsync(Silos.Tenant, _majorOnly, p => p.Choose([], Severity.Major), default);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    [Fact]
    public async Task TicketOpened_ManagersOfTheBuilding_MailedWhenTheSeverityReachesTheirChoice()
    {
        await ReportAsync(BuildingId, "A1.12", "minor-1", DefectCategory.Furniture, Severity.Minor);
        await ReportAsync(OtherBuildingId, "B0.01", "critical-1", DefectCategory.Sanitary, Severity.Critical);
        await _silo.SettleAsync();

        _inbox.Messages.Select(m => (m.To.Mailboxes.Single().Address, m.Subject)).Should().BeEquivalentTo(new[]
        {
            ("hausmeister@example.org", "Neue Meldung #1: Möbel – Haus A, Raum A1.12"),
            ("leitung@example.org", "Neue Meldung #2: Sanitär – Haus B, Raum B0.01"),
        });
        var minor = _inbox.Messages.Single(m => m.Subject!.Contains("#1", StringComparison.Ordinal));
        minor.TextBody.Should().Contain("Dringlichkeit mittel").And.Contain($"{MailSilo.BaseUrl}/tickets/1");
        minor.Headers.Contains("List-Unsubscribe").Should().BeTrue("alerts can be switched off");
    }

    [Fact]
    public async Task TicketNotAcknowledged_EscalationStarts_EscalationMailedToTheManager()
    {
        await ReportAsync(BuildingId, "A1.12", "minor-2", DefectCategory.Furniture, Severity.Minor);
        await _silo.SettleAsync();

        _time.Advance(SeverityTimes.AcknowledgeWithin(Severity.Minor));
        await _silo.SettleAsync();

        _inbox.Messages.Select(m => m.Subject).Should().Equal(
            "Neue Meldung #1: Möbel – Haus A, Raum A1.12",
            "Eskalation (Stufe 1): Meldung #1 – Haus A, Raum A1.12");
        _inbox.Messages.Should().OnlyContain(m => m.To.Mailboxes.Single().Address == "hausmeister@example.org");
    }

    [Fact]
    public async Task AlertsSwitchedOff_ByUnsubscribeToken_NoMoreAlerts()
    {
        var tokens = _silo.Get<UnsubscribeToken>();
        var request = tokens.Read(tokens.Issue(new UnsubscribeRequest(Silos.Tenant, _everything, MailTopic.Ticket)))!;
        await _silo.Get<MailPreferenceBook>().ChangeAsync(request.Tenant, request.AccountId, p => p.SwitchOff(request.TopicsOff), default);

        await ReportAsync(BuildingId, "A1.12", "minor-3", DefectCategory.Furniture, Severity.Critical);
        await _silo.SettleAsync();

        _inbox.Messages.Should().ContainSingle().Which.To.Mailboxes.Single().Address.Should().Be("leitung@example.org");
    }

    [Fact]
    public async Task AlarmRaised_WaterLeak_BothManagersMailedOnceAndTheAlarmsTicketNotAgain()
    {
        var device = Device.Register(Silos.Tenant, "leak-1", Silos.SchoolId, BuildingId, "A1.12", DeviceKind.Sensor, [Measurement.WaterLeak], null, _time.GetUtcNow()).Value!;
        (await _silo.Get<DeviceRegistry>().RegisterAsync(device, new WebKita.Silo.Runtime.Actor(Guid.NewGuid(), Role.CountyAdmin), default)).Refusal.Should().BeNull();
        var telemetry = $$$"""{"deviceId":"leak-1","messageId":"m1","timestamp":"{{{_time.GetUtcNow():O}}}","measurements":{"waterLeak":true}}""";

        await _silo.Get<IDeviceMessageSink>().ApplyAsync(new DeviceMessage("leak-1", DeviceChannel.Telemetry, Encoding.UTF8.GetBytes(telemetry), _time.GetUtcNow()), default);
        await _silo.SettleAsync();

        _inbox.Messages.Select(m => m.To.Mailboxes.Single().Address).Should().BeEquivalentTo("hausmeister@example.org", "leitung@example.org");
        _inbox.Messages.Should().OnlyContain(m => m.Subject == "Alarm (kritisch): Wasseraustritt – Haus A, Raum A1.12");
        _inbox.Messages[0].TextBody.Should().Contain("der Sensor leak-1 in Haus A, Raum A1.12 meldet: Wasseraustritt").And.Contain($"{MailSilo.BaseUrl}/alarme");
        (await _silo.Get<TicketDesk>().FindAsync(Silos.Tenant, 1, default)).Should().NotBeNull("the alarm filed its ticket, which is not mailed again");
    }

    private async Task ReportAsync(Guid buildingId, string room, string key, DefectCategory category, Severity severity)
    {
        var outcome = await _silo.Get<TicketDesk>().ReportAsync(
            Silos.Tenant, Silos.SchoolId, buildingId, room, new DefectReport(key, category, severity, "kaputt", ImmutableList<string>.Empty, "kiosk"), default);
        outcome.Refusal.Should().BeNull();
    }
}
