using Microsoft.Playwright;
using WebKita.Pages.Tests.Support;

namespace WebKita.Pages.Tests.Staff;

public sealed class StaffPageTests(PagesSite site) : IClassFixture<PagesSite>
{
    [Fact]
    public async Task RejectThenPaperApplication_Staff_FreedPlaceGoesToTheNewChild()
    {
        var world = await SchoolWorld.CreateAsync(site, "Sekretariat");
        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, world.StaffEmail, world.StaffPassword);
        await Assertions.Expect(page.Locator(".karte").Filter(new() { HasText = world.OfferingTitle })).ToContainTextAsync("Frei0");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Anmeldungen: {world.OfferingTitle}" }).ClickAsync();

        var paul = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Paul Papier" });
        await paul.GetByLabel("Grund der Ablehnung für Paul Papier").FillAsync("Kind ist umgezogen");
        await paul.GetByRole(AriaRole.Button, new() { Name = "Ablehnen: Paul Papier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Anmeldung von Paul Papier ist abgelehnt.");
        await Assertions.Expect(paul).ToContainTextAsync("Abgelehnt");
        await Assertions.Expect(paul).ToContainTextAsync("Kind ist umgezogen");

        await page.GetByLabel("Vorname des Kindes").FillAsync("Emma");
        await page.GetByLabel("Nachname des Kindes").FillAsync("Schmidt");
        await page.GetByLabel("Geburtsdatum").FillAsync("2018-09-12");
        await page.GetByLabel("Klassenstufe").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Papieranmeldung speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Papieranmeldung für Emma Schmidt gespeichert. Status: Platz angenommen.");

        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Label = "Platz angenommen" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // the header and Emma
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("Emma Schmidt");
    }
}
