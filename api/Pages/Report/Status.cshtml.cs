using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WebKita.Api.Photos;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Defects;

namespace WebKita.Api.Pages.Report;

/// <summary>Where a reporter follows a ticket: only with the signed link the report page gave them.</summary>
[AllowAnonymous]
public sealed class StatusModel(TicketDesk desk, RoomLinks links) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "k")]
    public string? Token { get; set; }

    public Ticket Ticket { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string tenant, int number, CancellationToken cancellationToken)
    {
        if (!links.IsTicket(tenant, number, Token) || await desk.FindAsync(new TenantId(tenant), number, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Ticket = found.Ticket;
        return Page();
    }
}
