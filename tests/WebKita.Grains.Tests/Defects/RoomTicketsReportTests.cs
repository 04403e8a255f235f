using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Grains.Tests.Defects;

public sealed class RoomTicketsReportTests
{
    private static readonly TenantId Tenant = new("kreis-a");
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly RoomTickets Room = RoomTickets.Empty(Tenant, Guid.Parse("5c0a0000-0000-4000-8000-000000000001"), Guid.Parse("b0000000-0000-4000-8000-000000000001"), "A1.12");

    private static DefectReport Report(string key, DefectCategory category = DefectCategory.Sanitary, Severity? severity = null, string text = "WC läuft über") =>
        new(key, category, severity, text, [], "kiosk");

    [Fact]
    public void Report_FirstOfItsKind_OpensTicketWithNumberAndDueTimeOfItsSeverity()
    {
        var decision = Room.Report(Report("kiosk:k1:r1"), 7, T0).Value!;

        decision.Result.Should().Be(ReportResult.Opened);
        decision.Ticket.Should().BeEquivalentTo(new
        {
            Number = 7,
            Category = DefectCategory.Sanitary,
            Severity = Severity.Major,
            Status = TicketStatus.New,
            Reports = 1,
            OpenedAt = T0,
            DueAt = T0 + TimeSpan.FromDays(1),
            EscalationLevel = 0,
        });
        decision.State.Tickets.Should().ContainSingle();
        decision.Events.Select(e => e.Type).Should().Equal("sue.ticket.opened");
        decision.Events[0].Data["number"].Should().Be("7");
        decision.Events[0].Data["buildingId"].Should().Be(Room.BuildingId.ToString());
    }

    [Theory]
    [InlineData(Severity.Critical, 4 * 60)]
    [InlineData(Severity.Major, 24 * 60)]
    [InlineData(Severity.Minor, 3 * 24 * 60)]
    [InlineData(Severity.Warning, 7 * 24 * 60)]
    public void Report_Severity_DueTimeFollowsIt(Severity severity, int minutes)
    {
        var ticket = Room.Report(Report("k", severity: severity), 1, T0).Value!.Ticket;

        ticket.DueAt.Should().Be(T0.AddMinutes(minutes));
    }

    [Fact]
    public void Report_SameCategoryWhileOpen_JoinsAsMeToo()
    {
        var first = Room.Report(Report("kiosk:k1:r1"), 1, T0).Value!;

        var second = first.State.Report(Report("kiosk:k2:r9"), 2, T0.AddMinutes(5)).Value!;

        second.Result.Should().Be(ReportResult.Joined);
        second.Ticket.Number.Should().Be(1);
        second.Ticket.Reports.Should().Be(2);
        second.State.Tickets.Should().ContainSingle();
        second.Events.Select(e => e.Type).Should().Equal("sue.ticket.joined");
    }

    [Fact]
    public void Report_SameKeyAgain_RepeatsWithoutChange()
    {
        var first = Room.Report(Report("kiosk:k1:r1"), 1, T0).Value!;

        var again = first.State.Report(Report("kiosk:k1:r1"), 2, T0.AddSeconds(1)).Value!;

        again.Result.Should().Be(ReportResult.Repeated);
        again.State.Should().BeSameAs(first.State);
        again.Ticket.Reports.Should().Be(1);
        again.Events.Should().BeEmpty();
    }

    [Fact]
    public void Report_OtherCategory_OpensAnotherTicket()
    {
        var first = Room.Report(Report("a"), 1, T0).Value!;

        var second = first.State.Report(Report("b", DefectCategory.WindowsDoors), 2, T0).Value!;

        second.Result.Should().Be(ReportResult.Opened);
        second.State.Tickets.Select(t => t.Number).Should().Equal(1, 2);
    }

    [Fact]
    public void Report_WorseJoiningReport_RaisesSeverityAndBringsDueTimeForward()
    {
        var first = Room.Report(Report("a", severity: Severity.Minor), 1, T0).Value!;

        var joined = first.State.Report(Report("b", severity: Severity.Critical), 2, T0.AddHours(1)).Value!.Ticket;

        joined.Severity.Should().Be(Severity.Critical);
        joined.DueAt.Should().Be(T0.AddHours(5));
    }

    [Fact]
    public void Report_AfterTicketResolved_OpensNewTicket()
    {
        var first = Room.Report(Report("a"), 1, T0).Value!;
        var resolved = first.State.Act(1, TicketAction.Resolve, Guid.NewGuid(), null, null, T0.AddHours(1)).Value!.State;

        var again = resolved.Report(Report("b"), 2, T0.AddHours(2)).Value!;

        again.Result.Should().Be(ReportResult.Opened);
        again.Ticket.Number.Should().Be(2);
    }

    [Fact]
    public void Report_TextTooLong_RefusesReportInvalid()
    {
        var outcome = Room.Report(Report("a", text: new string('x', DefectReport.MaxTextLength + 1)), 1, T0);

        outcome.Refusal!.Code.Should().Be("report.invalid");
        outcome.Refusal.Fields!.Single().Field.Should().Be("text");
    }

    [Fact]
    public void IdFor_SameBuildingAndRoom_SameIdAndOtherRoomOther()
    {
        RoomTickets.IdFor(Tenant, Room.BuildingId, "A1.12").Should().Be(Room.Id);
        RoomTickets.IdFor(Tenant, Room.BuildingId, "A1.13").Should().NotBe(Room.Id);
    }
}
