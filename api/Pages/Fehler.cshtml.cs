using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using WebKita.Api.Pages.Site;

namespace WebKita.Api.Pages;

/// <summary>
/// The German page for a page request that ends in an error status (the JSON API keeps its RFC
/// 7807 problems). Reached by re-execution, so it answers every method and keeps the original
/// status; the form that failed may have been a POST, whose token this page cannot check.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class FehlerModel(SiteTenant site) : SitePage(site)
{
    public int Code { get; private set; }

    public IActionResult OnGet(int? code) => Show(code);

    public IActionResult OnPost(int? code) => Show(code);

    private IActionResult Show(int? code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = reExecuted ? Response.StatusCode : code ?? StatusCodes.Status404NotFound;
        if (!reExecuted)
        {
            // Called directly, the page shows the code it names but answers it too, so nothing indexes it as content.
            Response.StatusCode = Code is >= 400 and <= 599 ? Code : StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public (string Title, string Text) Words => Code switch
    {
        StatusCodes.Status403Forbidden => ("Kein Zugriff", "Diese Seite ist für Ihr Konto nicht freigegeben. Wenn Sie meinen, dass Sie sie sehen dürften, wenden Sie sich bitte an Ihre Schule oder den Landkreis."),
        StatusCodes.Status404NotFound => ("Seite nicht gefunden", "Diese Seite gibt es nicht (mehr). Vielleicht ist der Link veraltet oder die Adresse enthält einen Tippfehler."),
        StatusCodes.Status429TooManyRequests => ("Zu viele Anfragen", "Sie haben in kurzer Zeit sehr viele Anfragen gestellt. Bitte warten Sie eine Minute und versuchen Sie es dann noch einmal."),
        StatusCodes.Status503ServiceUnavailable => ("Vorübergehend nicht erreichbar", "Das System ist gerade nicht erreichbar. Bitte versuchen Sie es in einigen Minuten noch einmal."),
        >= 500 => ("Ein Fehler ist aufgetreten", "Bei uns ist ein Fehler aufgetreten; Ihre Eingabe wurde möglicherweise nicht gespeichert. Bitte versuchen Sie es später noch einmal."),
        _ => ("Die Anfrage konnte nicht bearbeitet werden", "Bitte prüfen Sie Ihre Eingaben und versuchen Sie es noch einmal."),
    };
}
