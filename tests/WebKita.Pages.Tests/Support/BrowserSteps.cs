using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace WebKita.Pages.Tests.Support;

/// <summary>What a family does in the browser, by the labels and names a person sees.</summary>
public static partial class BrowserSteps
{
    public static async Task RegisterFamilyAsync(IPage page, string email)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrieren", Exact = true }).ClickAsync();
        await page.GetByLabel("Ihr Name").FillAsync("Familie Becker");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(SchoolWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await page.GetByText("Bitte loggen Sie sich jetzt ein.").WaitForAsync();
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(SchoolWorld.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Einloggen" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Familie und Kinder" }).WaitForAsync();
    }

    public static async Task AddChildAsync(IPage page, string firstName)
    {
        await page.GetByLabel("Vorname des Kindes").FillAsync(firstName);
        await page.GetByLabel("Nachname des Kindes").FillAsync("Becker");
        await page.GetByLabel("Geburtsdatum").FillAsync("2018-04-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kind eintragen" }).ClickAsync();
        await page.GetByText($"{firstName} ist eingetragen.").WaitForAsync();
    }

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/konto/anmelden");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(email);
        await page.GetByLabel("Passwort").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Einloggen" }).ClickAsync();
        // Signed in once the answer leads away from the form; the caller goes on from there. The URL
        // is polled: WaitForURLAsync waits for the next page's load event when the URL has changed
        // already, whatever WaitUntil says, and that event twice failed to arrive within 30 s after
        // the page was idle (CI).
        await Assertions.Expect(page).Not.ToHaveURLAsync(SignInForm(), new() { Timeout = 30_000 });
    }

    [GeneratedRegex("/konto/anmelden")]
    private static partial Regex SignInForm();

    /// <summary>The status line of the application card titled with the child and the offering.</summary>
    public static ILocator Card(IPage page, string heading) =>
        page.Locator("li.anmeldung").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = heading }) });
}
