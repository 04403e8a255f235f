using System.Collections.Immutable;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Grains.Tests.Defects;

public sealed class RoomTicketsPhotoTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 15, 0, TimeSpan.Zero);

    [Fact]
    public void AttachPhoto_OpenTicket_AddsTheAttachmentAndAnEvent()
    {
        var room = Opened();

        var decision = room.AttachPhoto(7, "photo:a/b", Now).Value!;

        decision.Ticket.Attachments.Should().Equal("photo:a/b");
        decision.State.Find(7)!.Attachments.Should().Equal("photo:a/b");
        decision.Events.Should().ContainSingle().Which.Type.Should().Be("sue.ticket.photo_added");
    }

    [Fact]
    public void AttachPhoto_ResolvedTicket_RefusedNotOpen()
    {
        var room = Opened().Act(7, TicketAction.Resolve, Guid.NewGuid(), null, null, Now).Value!.State;

        room.AttachPhoto(7, "photo:a/b", Now).Refusal!.Code.Should().Be("ticket.not_open");
    }

    [Fact]
    public void AttachPhoto_TenAttachmentsAlready_RefusedFull()
    {
        var room = Opened();
        for (var i = 0; i < DefectReport.MaxAttachments; i++)
        {
            room = room.AttachPhoto(7, $"photo:{i}", Now).Value!.State;
        }

        room.AttachPhoto(7, "photo:one-more", Now).Refusal!.Code.Should().Be("ticket.photos_full");
        room.AttachPhoto(8, "photo:x", Now).Refusal!.Code.Should().Be("ticket.not_found");
    }

    private static RoomTickets Opened() =>
        RoomTickets.Empty(new TenantId("test"), Guid.NewGuid(), Guid.NewGuid(), "EG.1")
            .Report(new DefectReport("kiosk:k:r-1", DefectCategory.WindowsDoors, null, "Tür klemmt", ImmutableList<string>.Empty, "kiosk"), 7, Now).Value!.State;
}
