using WebKita.Grains.Defects;
using WebKita.Silo.Defects;
using WebKita.Testing;
using static WebKita.Silo.Tests.Devices.SueSilo;

namespace WebKita.Silo.Tests.Defects;

/// <summary>
/// A report key files once, however late it comes back: an outbox event redelivered after its
/// lease lapsed (a gateway killed mid-burst) found the room's ticket with only its latest 100 keys
/// and filed the alarm a second time. On real PostgreSQL, through a second silo with a cold cache.
/// </summary>
public sealed class ReportIdempotencyTests : IAsyncLifetime
{
    private readonly ManualTimeProvider _time = new(T0);
    private string _database = "";
    private Devices.SueSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _silo = await StartAsync(_database, _time);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private static DefectReport Report(string key) => new(key, DefectCategory.Heating, Severity.Major, "Heizung kalt", [], "alarm");

    private static Task<WebKita.Grains.Common.Outcome<DeskDecision>> FileAsync(Devices.SueSilo silo, string key) =>
        silo.Get<TicketDesk>().ReportAsync(Tenant, SchoolId, BuildingId, "A1.12", Report(key), default);

    [Fact]
    public async Task Report_RedeliveredAfterMoreThan100NewerReports_RepeatedWithoutASecondEffect()
    {
        (await FileAsync(_silo, "alarm:a-1")).Value!.Result.Should().Be(ReportResult.Opened);
        for (var i = 0; i < Ticket.MaxKeptReportKeys + 5; i++)
        {
            (await FileAsync(_silo, $"kiosk:k-1:r-{i}")).Value!.Result.Should().Be(ReportResult.Joined);
        }

        await using var late = await StartAsync(_database, _time);
        var again = await FileAsync(late, "alarm:a-1");
        var againHere = await FileAsync(_silo, "alarm:a-1");

        again.Value!.Result.Should().Be(ReportResult.Repeated);
        againHere.Value!.Result.Should().Be(ReportResult.Repeated);
        again.Value.Ticket.Number.Should().Be(1);
        again.Value.Events.Should().BeEmpty();
        var (_, ticket) = (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value;
        ticket.Reports.Should().Be(1 + Ticket.MaxKeptReportKeys + 5, "the late repeat is not counted");
        var room = RoomTickets.IdFor(Tenant, BuildingId, "A1.12");
        (await _silo.EventTypesAsync(room)).Count(type => type == "sue.ticket.joined").Should().Be(Ticket.MaxKeptReportKeys + 5);
    }

    [Fact]
    public async Task Report_SameKeyTwiceInOneTurn_FiledOnce()
    {
        var both = await Task.WhenAll(FileAsync(_silo, "alarm:a-2"), FileAsync(_silo, "alarm:a-2"));

        both.Select(o => o.Value!.Result).Should().BeEquivalentTo([ReportResult.Opened, ReportResult.Repeated]);
        var (_, ticket) = (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value;
        ticket.Reports.Should().Be(1);
    }
}
