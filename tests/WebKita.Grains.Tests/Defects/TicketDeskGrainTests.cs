using Microsoft.Extensions.DependencyInjection;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.Defects;
using WebKita.Silo.Runtime;

namespace WebKita.Grains.Tests.Defects;

/// <summary>A tenant's ticket desk on a two-silo cluster: reports through both silos meet in one activation that hands out the tenant's numbers.</summary>
public sealed class TicketDeskGrainTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("kreis-a");
    private static readonly Guid SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-000000000001");
    private static readonly Guid BuildingId = Guid.Parse("b0000000-0000-4000-8000-000000000001");
    private readonly GrainCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task ReportAsync_ThroughBothSilos_EveryTicketGetsItsOwnNumberAndRepeatsAreRecognised()
    {
        var reports = Enumerable.Range(1, 60).Select(n => (Room: $"R{n % 20}", Report: Report($"kiosk:k{n}:r1", (DefectCategory)(n % 3)))).ToList();

        var first = await Task.WhenAll(reports.Select((r, i) => File(i % 2, r.Room, r.Report)));
        var repeated = await Task.WhenAll(reports.Select((r, i) => File((i + 1) % 2, r.Room, r.Report)));

        first.Should().OnlyContain(o => o.Value!.Result == ReportResult.Opened);
        first.Select(o => o.Value!.Ticket.Number).Should().BeEquivalentTo(Enumerable.Range(1, 60));
        repeated.Should().OnlyContain(o => o.Value!.Result == ReportResult.Repeated);
        repeated.Select(o => o.Value!.Ticket.Number).Should().Equal(first.Select(o => o.Value!.Ticket.Number));
        var activations = await _cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        activations.Where(a => a.GrainId.Type.ToString()!.Contains("ticketdesk", StringComparison.OrdinalIgnoreCase)).Should().ContainSingle();
    }

    [Fact]
    public async Task ChangeTicket_OnlyInTheBuildingsTheCallerOversees_AuditedUnderTheCaller()
    {
        var ticket = (await File(0, "A1", Report("kiosk:k1:r1", DefectCategory.Heating))).Value!.Ticket;
        var manager = new Actor(Guid.NewGuid(), Role.FacilityManager);
        var acknowledge = new ActOnTicket(TicketAction.Acknowledge, "Bin unterwegs", null);
        var roomId = RoomTickets.IdFor(Tenant, BuildingId, "A1");

        var elsewhere = await Desk(1).SendAsync(new ChangeTicket(roomId, ticket.Number, acknowledge, new AuditedAction(manager, "TicketAcknowledge"), new HashSet<Guid> { Guid.NewGuid() }));
        var overseen = await Desk(1).SendAsync(new ChangeTicket(roomId, ticket.Number, acknowledge, new AuditedAction(manager, "TicketAcknowledge"), new HashSet<Guid> { BuildingId }));

        elsewhere.Refusal!.Code.Should().Be("ticket.not_found");
        overseen.Value!.Ticket.Status.Should().Be(TicketStatus.Acknowledged);
        var stored = await _cluster.Store.ReadAsync(TicketDesk.RoomKey(Tenant, roomId), CancellationToken.None);
        GrainJson.Deserialize<RoomTickets>(stored!.State).Find(ticket.Number)!.Status.Should().Be(TicketStatus.Acknowledged);
        var audit = await _cluster.Store.ReadAuditAsync(Tenant.Value, null, 10, CancellationToken.None);
        audit.Should().ContainSingle(a => a.Action == "TicketAcknowledge").Which.ActorId.Should().Be(manager.AccountId);
    }

    private Task<Outcome<DeskDecision>> File(int silo, string room, DefectReport report) =>
        Desk(silo).SendAsync(new FileReport(Tenant, SchoolId, BuildingId, room, report));

    private static DefectReport Report(string key, DefectCategory category) => new(key, category, null, "Heizung kalt", [], "kiosk");

    /// <summary>The tenant's desk as a caller on the given silo sees it.</summary>
    private ITicketDeskGrain Desk(int silo) =>
        _cluster.Cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<ITicketDeskGrain>(Tenant.Value);
}
