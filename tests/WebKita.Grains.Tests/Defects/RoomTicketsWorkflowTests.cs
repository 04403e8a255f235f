using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Grains.Tests.Defects;

public sealed class RoomTicketsWorkflowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Manager = Guid.Parse("ac000000-0000-4000-8000-000000000001");

    private static RoomTickets WithTicket(Severity severity = Severity.Major) =>
        RoomTickets.Empty(new TenantId("kreis-a"), Guid.NewGuid(), Guid.NewGuid(), "A1")
            .Report(new DefectReport("k", DefectCategory.Heating, severity, "kalt", [], "kiosk"), 1, T0).Value!.State;

    [Fact]
    public void Act_FullLifecycle_EndsClosedWithHistory()
    {
        var state = WithTicket();
        foreach (var (action, minutes) in new[] { (TicketAction.Acknowledge, 1), (TicketAction.Start, 2), (TicketAction.Resolve, 3), (TicketAction.Close, 4) })
        {
            state = state.Act(1, action, Manager, null, null, T0.AddMinutes(minutes)).Value!.State;
        }

        var ticket = state.Find(1)!;
        ticket.Status.Should().Be(TicketStatus.Closed);
        ticket.AcknowledgedAt.Should().Be(T0.AddMinutes(1));
        ticket.FinishedAt.Should().Be(T0.AddMinutes(4));
        ticket.Notes.Select(n => n.Text).Should().Equal("Acknowledged", "InProgress", "Resolved", "Closed");
    }

    [Fact]
    public void Act_CloseBeforeResolve_RefusesTransitionInvalid()
    {
        var outcome = WithTicket().Act(1, TicketAction.Close, Manager, null, null, T0);

        outcome.Refusal!.Code.Should().Be("ticket.transition_invalid");
    }

    [Fact]
    public void Act_RepeatedAcknowledge_ChangesNothing()
    {
        var acknowledged = WithTicket().Act(1, TicketAction.Acknowledge, Manager, null, null, T0.AddMinutes(1)).Value!;

        var again = acknowledged.State.Act(1, TicketAction.Acknowledge, Manager, null, null, T0.AddMinutes(2)).Value!;

        again.State.Should().BeSameAs(acknowledged.State);
        again.Events.Should().BeEmpty();
    }

    [Fact]
    public void Act_MarkDuplicateWithoutOriginal_RefusesInvalid()
    {
        WithTicket().Act(1, TicketAction.MarkDuplicate, Manager, null, null, T0).Refusal!.Code.Should().Be("ticket.invalid");
        WithTicket().Act(1, TicketAction.MarkDuplicate, Manager, null, 1, T0).Refusal!.Code.Should().Be("ticket.invalid");
        WithTicket().Act(1, TicketAction.MarkDuplicate, Manager, null, 9, T0).Value!.Ticket.DuplicateOf.Should().Be(9);
    }

    [Fact]
    public void Act_UnknownNumber_RefusesNotFound()
    {
        WithTicket().Act(2, TicketAction.Acknowledge, Manager, null, null, T0).Refusal!.Code.Should().Be("ticket.not_found");
    }

    [Fact]
    public void Assign_And_Comment_AreNotedWithEvents()
    {
        var assigned = WithTicket().Assign(1, Manager, Manager, T0.AddMinutes(1)).Value!;
        var commented = assigned.State.Comment(1, Manager, " Ersatzteil bestellt ", T0.AddMinutes(2)).Value!;

        commented.Ticket.Assignee.Should().Be(Manager);
        commented.Ticket.Notes.Select(n => (n.Kind, n.Text)).Should().Equal(("assignment", Manager.ToString()), ("comment", "Ersatzteil bestellt"));
        assigned.Events.Single().Type.Should().Be("sue.ticket.assigned");
        commented.Events.Single().Type.Should().Be("sue.ticket.commented");
    }

    [Fact]
    public void Escalate_NotAcknowledgedInTime_RaisesLevelAndNextDueFollows()
    {
        var state = WithTicket(Severity.Major);
        state.Find(1)!.EscalationDueAt.Should().Be(T0.AddHours(1));

        var escalated = state.Escalate(1, T0.AddHours(1))!;

        escalated.Ticket.EscalationLevel.Should().Be(1);
        escalated.Ticket.EscalationDueAt.Should().Be(T0.AddHours(2));
        escalated.Events.Single().Type.Should().Be("sue.ticket.escalated");
    }

    [Fact]
    public void Escalate_BeforeDue_DoesNothing()
    {
        WithTicket(Severity.Major).Escalate(1, T0.AddMinutes(59)).Should().BeNull();
    }

    [Fact]
    public void Escalate_AfterAcknowledge_DoesNothing()
    {
        var acknowledged = WithTicket().Act(1, TicketAction.Acknowledge, Manager, null, null, T0.AddMinutes(10)).Value!.State;

        acknowledged.Escalate(1, T0.AddHours(5)).Should().BeNull();
        acknowledged.Find(1)!.EscalationDueAt.Should().BeNull();
    }

    [Fact]
    public void Escalate_AtTopLevel_StopsEscalating()
    {
        var state = WithTicket(Severity.Critical);
        for (var level = 1; level <= Ticket.MaxEscalationLevel; level++)
        {
            state = state.Escalate(1, T0.AddHours(10))!.State;
        }

        state.Find(1)!.EscalationLevel.Should().Be(Ticket.MaxEscalationLevel);
        state.Find(1)!.EscalationDueAt.Should().BeNull();
        state.Escalate(1, T0.AddDays(10)).Should().BeNull();
    }
}
