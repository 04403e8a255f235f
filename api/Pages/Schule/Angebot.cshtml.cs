using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Applications;
using WebKita.Api.Pages.Familie;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;

namespace WebKita.Api.Pages.Schule;

/// <summary>
/// One offering's applications for its school's staff: filter by status, search by name, confirm,
/// reject with a reason, change the capacity, enter a paper application. Every action goes
/// through the same services and offering turn as the JSON API.
/// </summary>
public sealed class AngebotModel(SiteTenant site, RegistrationDirectory registration, ApplicationDesk desk) : SitePage(site)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public ApplicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Suche { get; set; }

    public Offering? Offering { get; private set; }

    public IReadOnlyList<ApplicationView> Applications { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var all = await registration.ListApplicationsAsync(Site.Id, Id, cancellationToken);
        Applications = [.. all.Where(v => Status is null || v.Application.Status == Status)
            .Where(v => string.IsNullOrWhiteSpace(Suche) || $"{v.Application.Child.FirstName} {v.Application.Child.LastName}".Contains(Suche.Trim(), StringComparison.OrdinalIgnoreCase))];
        return Page();
    }

    public Task<IActionResult> OnPostBestaetigenAsync(Guid application, string? name, CancellationToken cancellationToken) =>
        DecideAsync(new ConfirmAcceptedPlace(application), $"{name} ist bestätigt.", cancellationToken);

    public Task<IActionResult> OnPostAblehnenAsync(Guid application, string? name, string? reason, CancellationToken cancellationToken) =>
        DecideAsync(new RejectApplicationAtOffering(application) { Reason = reason?.Trim() }, $"Die Anmeldung von {name} ist abgelehnt.", cancellationToken);

    public async Task<IActionResult> OnPostKapazitaetAsync(int? capacity, string? reason, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var command = new ChangeOfferingTerms(Offering!.Terms with { Capacity = capacity ?? -1 }) { By = Caller!.ToActor(), Reason = reason };
        var reply = await registration.SendAsync(Site.Id, Id, command, cancellationToken);
        Notice = reply.Refusal is null ? $"Die Platzzahl ist jetzt {capacity}." : "Die Platzzahl wurde nicht geändert: sie muss 0 oder größer sein.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostPapierAsync(string? firstName, string? lastName, DateOnly? birthDate, int? grade, string key, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var request = new ApplicationRequest(new ChildRequest(firstName, lastName, birthDate, grade));
        var (reply, errors) = await desk.SubmitAsync(Caller!, Id, key is { Length: > 0 and <= 64 } ? key : Guid.NewGuid().ToString("N"), request, cancellationToken);
        Notice = reply switch
        {
            null => "Papieranmeldung nicht gespeichert: " + string.Join(" ", errors.Select(e => GermanFieldMessages.For(e.Key, string.Join(" ", e.Value)))),
            { Refusal: not null } => "Papieranmeldung nicht gespeichert: die Anmeldung ist zurzeit nicht möglich.",
            _ => $"Papieranmeldung für {firstName} {lastName} gespeichert. Status: {StatusText.Of(reply.Application!.Status, reply.WaitlistPosition, null, null).Label}.",
        };
        return RedirectToPage(new { Id });
    }

    private async Task<IActionResult> DecideAsync(ApplicationDecision command, string done, CancellationToken cancellationToken)
    {
        var reply = await desk.DecideAsync(Caller!, command.ApplicationId, command, cancellationToken);
        Notice = reply switch
        {
            null => "Diese Anmeldung gibt es nicht.",
            { Refusal.Code: "reason.required" } => "Bitte geben Sie einen Grund für die Ablehnung an.",
            { Refusal.Code: "application.not_accepted" } => "Nur ein angenommener Platz kann bestätigt werden.",
            { Refusal.Code: "application.confirmed" } => "Ein bestätigter Platz kann nicht abgelehnt werden.",
            { Refusal: not null } => "Das ging nicht: der Stand der Anmeldung hat sich geändert.",
            _ => done,
        };
        return RedirectToPage(new { Id, Status, Suche });
    }

    /// <summary>The offering, if the caller manages its school; otherwise the page answers 404 as the API does.</summary>
    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Offering = await registration.FindOfferingAsync(Site.Id, Id, cancellationToken);
        return Offering is not null && Caller!.ManagesSchool(Site.Id.Value, Offering.Terms.SchoolId);
    }
}
