using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Api.Pages.Site;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Pages.Familie;

/// <summary>"Meine Anmeldungen": every application of the family with its status, and the answers to an offer.</summary>
public sealed class IndexModel(SiteTenant site, FamilyData family, ApplicationDesk desk, RegistrationDirectory registration, RoundDirectory rounds)
    : SitePage(site)
{
    public IReadOnlyList<ApplicationView> Applications { get; private set; } = [];

    public IReadOnlyList<(RankedApplication Application, AllocationRound? Round)> RoundApplications { get; private set; } = [];

    public IReadOnlyDictionary<Guid, Offering> Offerings { get; private set; } = new Dictionary<Guid, Offering>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller!;
        Applications = [.. (await family.ApplicationsAsync(caller, cancellationToken)).OrderByDescending(a => a.Application.SubmittedAt)];
        RoundApplications = await family.RoundApplicationsAsync(caller, cancellationToken);
        Offerings = (await registration.ListOfferingsAsync(Site.Id, null, cancellationToken)).ToDictionary(o => o.Id);
    }

    public Task<IActionResult> OnPostAnnehmenAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(new AcceptOfferedPlace(id), "Sie haben den Platz angenommen. Die Schule bestätigt ihn noch schriftlich.", cancellationToken);

    public Task<IActionResult> OnPostAblehnenAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(new DeclineOfferedPlace(id), "Sie haben das Angebot abgelehnt.", cancellationToken);

    public Task<IActionResult> OnPostZurueckziehenAsync(Guid id, CancellationToken cancellationToken) =>
        DecideAsync(new WithdrawApplication(id), "Sie haben die Anmeldung zurückgezogen.", cancellationToken);

    public Task<IActionResult> OnPostRundeAnnehmenAsync(Guid round, Guid id, CancellationToken cancellationToken) =>
        AnswerRoundOfferAsync(round, new AcceptOffer(id), "Sie haben den Platz angenommen. Die Schule bestätigt ihn noch schriftlich.", cancellationToken);

    public Task<IActionResult> OnPostRundeAblehnenAsync(Guid round, Guid id, CancellationToken cancellationToken) =>
        AnswerRoundOfferAsync(round, new DeclineOffer(id), "Sie haben das Angebot abgelehnt.", cancellationToken);

    /// <summary>As POST /rounds/{roundId}/applications/{id}/accept: the round's turn decides whether this family may answer.</summary>
    private async Task<IActionResult> AnswerRoundOfferAsync(Guid round, ApplicationCommand command, string done, CancellationToken cancellationToken)
    {
        var caller = Caller!;
        var reply = await rounds.SendAsync(caller.Tenant, round, command with { By = caller.ToActor() }, cancellationToken);
        Notice = reply.Refusal switch
        {
            null => done,
            { Code: "offer.expired" } => "Das Angebot ist leider abgelaufen; der Platz ist an die nächste Familie gegangen.",
            _ => "Das ging nicht: der Stand der Anmeldung hat sich geändert. Bitte prüfen Sie ihn unten.",
        };
        return RedirectToPage();
    }

    private async Task<IActionResult> DecideAsync(ApplicationDecision command, string done, CancellationToken cancellationToken)
    {
        var reply = await desk.DecideAsync(Caller!, command.ApplicationId, command, cancellationToken);
        if (reply is null)
        {
            return NotFound();
        }

        Notice = reply.Refusal switch
        {
            null => done,
            { Code: "offer.expired" } => "Das Angebot ist leider abgelaufen; der Platz ist an die nächste Familie gegangen.",
            { Code: "application.not_offered" } => "Für diese Anmeldung liegt kein Angebot (mehr) vor.",
            _ => "Das ging nicht: der Stand der Anmeldung hat sich geändert. Bitte prüfen Sie ihn unten.",
        };
        return RedirectToPage();
    }
}
