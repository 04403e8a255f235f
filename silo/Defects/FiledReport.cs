namespace WebKita.Silo.Defects;

/// <summary>
/// That a report key was filed, and where: kept for good, so a report (a kiosk's, or an alarm's
/// outbox event) that comes back however late is answered, not filed again. The room's ticket
/// remembers only its latest keys (<see cref="Grains.Defects.Ticket.MaxKeptReportKeys"/>).
/// </summary>
internal sealed record FiledReport(int Number, Guid RoomId);
