using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Defects;

/// <summary>
/// One decision on one room's tickets. <paramref name="Empty"/> makes the room's grain when a
/// report is its first; <paramref name="Decide"/> gets the next free ticket number of the tenant.
/// <paramref name="ReportKey"/> names a report or a photo upload, which files once for good (<see cref="FiledReport"/>).
/// </summary>
internal sealed record DeskRequest(
    Guid RoomId, Func<RoomTickets>? Empty, Func<RoomTickets, int, Outcome<DeskDecision>> Decide, Reminder? Fired, AuditedAction? Audit, string? ReportKey = null);
