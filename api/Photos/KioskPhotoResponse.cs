namespace WebKita.Api.Photos;

/// <summary>A kiosk's photo, taken: the ticket it is on, its slot and the name of its large JPEG.</summary>
public sealed record KioskPhotoResponse(int Ticket, int Slot, string Photo);
