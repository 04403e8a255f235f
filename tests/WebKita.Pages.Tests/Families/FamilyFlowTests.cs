using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WebKita.Pages.Tests.Support;

namespace WebKita.Pages.Tests.Families;

public sealed partial class FamilyFlowTests(PagesSite site) : IClassFixture<PagesSite>
{
    /// <summary>On a desktop and on a 320 px phone: the flow must work and nothing may need sideways scrolling.</summary>
    [Theory]
    [InlineData(1024)]
    [InlineData(320)]
    public async Task ApplyWaitAcceptConfirm_FamilyInBrowser_SeesEachStatusInWords(int width)
    {
        var world = await SchoolWorld.CreateAsync(site, $"Flow {width}");
        var page = await site.NewPageAsync(width);
        var email = $"familie-{Guid.NewGuid():N}@test.example";

        await BrowserSteps.RegisterFamilyAsync(page, email);
        await BrowserSteps.AddChildAsync(page, "Mia");
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Kind anmelden für {world.OfferingTitle}" }).ClickAsync();
        await page.GetByLabel("Klassenstufe im Betreuungszeitraum").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich anmelden" }).ClickAsync();

        var card = BrowserSteps.Card(page, $"Mia Becker: {world.OfferingTitle}");
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Warteliste, Platz 1");

        await world.FreeThePlaceAsync(site);
        await page.ReloadAsync();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Platz angeboten");
        await Assertions.Expect(card).ToContainTextAsync(OfferDeadline());
        await card.GetByRole(AriaRole.Button, new() { Name = "Platz annehmen für Mia" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sie haben den Platz angenommen.");
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Platz angenommen");

        var staff = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(staff, world.StaffEmail, world.StaffPassword);
        await staff.GetByRole(AriaRole.Link, new() { Name = $"Anmeldungen: {world.OfferingTitle}" }).ClickAsync();
        var row = staff.GetByRole(AriaRole.Row).Filter(new() { HasText = "Mia Becker" });
        await Assertions.Expect(row).ToContainTextAsync("Platz angenommen");
        await row.GetByRole(AriaRole.Button, new() { Name = "Bestätigen: Mia Becker" }).ClickAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Status)).ToContainTextAsync("Mia Becker ist bestätigt.");

        await page.ReloadAsync();
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Bestätigt");
        (await PageChecks.FitsWidthAsync(page)).Should().BeTrue("the page must reflow at {0} px", width);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ErrorTiedToTheField()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/konto/anmelden");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("niemand@test.example");
        await page.GetByLabel("Passwort").FillAsync("falsches-passwort");
        await page.GetByRole(AriaRole.Button, new() { Name = "Einloggen" }).ClickAsync();

        var email = page.GetByLabel("E-Mail-Adresse");
        await Assertions.Expect(email).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(email).ToHaveAttributeAsync("aria-describedby", "Email-fehler");
        await Assertions.Expect(page.Locator("#Email-fehler")).ToHaveTextAsync("Fehler: E-Mail-Adresse oder Passwort stimmen nicht. Nach 5 Fehlversuchen in Folge ist die Anmeldung 15 Minuten gesperrt.");
    }

    [Fact]
    public async Task FamilyPage_Anonymous_RedirectsToSignInAndBack()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/familie");

        page.Url.Should().StartWith($"{site.BaseAddress}konto/anmelden?returnUrl=%2Ffamilie");
    }

    [Fact]
    public async Task Start_Anonymous_ShowsOfferingsInsteadOfAProblem()
    {
        var world = await SchoolWorld.CreateAsync(site, "Start");
        var page = await site.NewPageAsync();
        var response = await page.GotoAsync("/");

        response!.Status.Should().Be(200);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = world.SchoolName })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("li.karte").Filter(new() { HasText = world.OfferingTitle })).ToContainTextAsync("Anmeldung offen");
    }

    private static Regex OfferDeadline() => DeadlinePattern();

    [GeneratedRegex(@"bis \w+, \d{1,2}\. \w+ \d{4}, \d{2}:\d{2} Uhr an oder lehnen Sie ihn ab")]
    private static partial Regex DeadlinePattern();
}
