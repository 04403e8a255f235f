using System.Collections.Immutable;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using WebKita.Api.Photos;
using WebKita.Grains.Buildings;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Photos.Pipeline;
using WebKita.Photos.Storage;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;

namespace WebKita.Api.Pages.Report;

/// <summary>
/// The page a room's QR code opens: report a defect without an account. Only a link signed for
/// this room opens it; a filled honeypot field is thanked and dropped; the address is rate
/// limited; a form nonce makes a double submit one report. A report of a category that already
/// has an open ticket in the room joins it ("me too"), as from a kiosk.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(ReportLimits.Policy)]
[RequestSizeLimit(ReportLimits.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = ReportLimits.MaxRequestBytes)]
public sealed class IndexModel(BuildingDirectory buildings, TicketDesk desk, RoomLinks links, PhotoDesk photos, IBlobStore blobs, PhotoLimits limits) : PageModel
{
    public const int MaxTextLength = 500;
    public const int MaxPhotos = 3;

    [BindProperty(SupportsGet = true, Name = "k")]
    public string? Token { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    /// <summary>The honeypot: hidden from people, filled in by form-filling robots.</summary>
    [BindProperty]
    public string? Website { get; set; }

    [BindProperty]
    public string? Nonce { get; set; }

    [BindProperty]
    public List<IFormFile> Photos { get; set; } = [];

    public Building Building { get; private set; } = null!;

    public Room Room { get; private set; } = null!;

    public IReadOnlyList<Ticket> OpenTickets { get; private set; } = [];

    public IReadOnlyList<DefectCategory> Categories { get; } = Enum.GetValues<DefectCategory>();

    public int? TicketNumber { get; private set; }

    public ReportResult? Result { get; private set; }

    public int Reports { get; private set; }

    public string? StatusLink { get; private set; }

    public bool Dropped { get; private set; }

    public async Task<IActionResult> OnGetAsync(string tenant, Guid buildingId, string room, CancellationToken cancellationToken)
    {
        if (!await FindRoomAsync(tenant, buildingId, room, cancellationToken))
        {
            return NotFound();
        }

        Nonce = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string tenant, Guid buildingId, string room, CancellationToken cancellationToken)
    {
        if (!await FindRoomAsync(tenant, buildingId, room, cancellationToken))
        {
            return NotFound();
        }

        if (!string.IsNullOrEmpty(Website))
        {
            Dropped = true;
            return Page();
        }

        if (!DefectCategories.TryParse(Category, out var category))
        {
            ModelState.AddModelError(nameof(Category), "Bitte wählen Sie aus, worum es geht.");
        }
        if ((Text ?? "").Length > MaxTextLength)
        {
            ModelState.AddModelError(nameof(Text), $"Bitte fassen Sie sich kurz (höchstens {MaxTextLength} Zeichen).");
        }
        if (Photos.Count > MaxPhotos)
        {
            ModelState.AddModelError(nameof(Photos), $"Höchstens {MaxPhotos} Fotos.");
        }
        if (Nonce is not { Length: 32 } || !Guid.TryParseExact(Nonce, "N", out _))
        {
            ModelState.AddModelError(nameof(Nonce), "Bitte laden Sie die Seite neu.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var attachments = ImmutableList.CreateBuilder<string>();
        for (var i = 0; i < Photos.Count; i++)
        {
            var outcome = await ProcessAsync(Photos[i], cancellationToken);
            if (outcome.Refusal is { } refusal)
            {
                ModelState.AddModelError(nameof(Photos), $"Foto {i + 1}: {GermanTexts.Refusal(refusal.Reason)}");
                continue;
            }

            var (large, _) = await blobs.PutAsync(outcome.Photo!.Large, "image/jpeg", cancellationToken);
            var (small, _) = await blobs.PutAsync(outcome.Photo.Small, "image/jpeg", cancellationToken);
            attachments.Add(PhotoAttachment.For(large, small));
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var report = new DefectReport($"phone:{Nonce}", category, null, (Text ?? "").Trim(), attachments.ToImmutable(), "phone");
        var filed = await desk.ReportAsync(new TenantId(tenant), Building.SchoolId, buildingId, room, report, cancellationToken);
        if (filed.Value is not { } decision)
        {
            ModelState.AddModelError("", "Die Meldung konnte nicht gespeichert werden. Bitte versuchen Sie es noch einmal.");
            return Page();
        }

        TicketNumber = decision.Ticket.Number;
        Result = decision.Result;
        Reports = decision.Ticket.Reports;
        StatusLink = RoomLinks.StatusPath(tenant, decision.Ticket.Number, links.ForTicket(tenant, decision.Ticket.Number));
        return Page();
    }

    private async Task<PhotoOutcome> ProcessAsync(IFormFile file, CancellationToken cancellationToken)
    {
        if (file.Length > limits.MaxBytes)
        {
            return PhotoOutcome.Refused(RefusalReason.TooLarge, $"{file.Length} bytes");
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, cancellationToken);
        return await photos.ProcessAsync(buffer.ToArray(), cancellationToken);
    }

    private async Task<bool> FindRoomAsync(string tenant, Guid buildingId, string room, CancellationToken cancellationToken)
    {
        if (!links.IsRoom(tenant, buildingId, room, Token)
            || await buildings.FindAsync(new TenantId(tenant), buildingId, cancellationToken) is not { } building
            || building.Rooms.Find(r => r.Code == room) is not { } found)
        {
            return false;
        }

        Building = building;
        Room = found;
        var tickets = await desk.ListAsync(new TenantId(tenant), buildingId, cancellationToken);
        OpenTickets = [.. tickets.Where(t => t.Room == room).SelectMany(t => t.Tickets).Where(t => t.IsOpen).OrderBy(t => t.Number)];
        return true;
    }
}
