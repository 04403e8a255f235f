using Microsoft.Playwright;
using WebKita.Pages.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Pages.Tests.Accessibility;

/// <summary>
/// Every page as the people who use it see it, with content in it (an offer, a waitlist, a
/// rejection, form errors): axe finds no WCAG 2.1 A/AA violation, the page stays under 150 KB,
/// and at 320 px it reflows without horizontal scrolling.
/// </summary>
public sealed class EveryPageTests(PagesSite site, ITestOutputHelper output) : IClassFixture<PagesSite>
{
    [Fact]
    public async Task AnonymousPages_AxeBudgetAndReflow_AllPass()
    {
        await SchoolWorld.CreateAsync(site, "Anonym");
        var page = await site.NewPageAsync();
        var problems = new List<string>();
        foreach (var path in new[] { "/", "/konto/anmelden", "/konto/registrieren", "/rechtliches/impressum", "/rechtliches/datenschutz", "/rechtliches/barrierefreiheit" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await CheckAsync(page));
        }

        await page.GotoAsync("/konto/registrieren");
        // The server's messages are what a browser without validation (or a screen reader user) gets.
        await page.EvaluateAsync("() => document.querySelector('main form').noValidate = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await page.GetByRole(AriaRole.Alert).WaitForAsync();
        problems.AddRange(await CheckAsync(page));

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task FamilyPages_WithOfferAndWaitlist_AllPass()
    {
        var world = await SchoolWorld.CreateAsync(site, "Familie");
        var second = await SchoolWorld.CreateAsync(site, "Zweite");
        var page = await site.NewPageAsync();
        await BrowserSteps.RegisterFamilyAsync(page, $"familie-{Guid.NewGuid():N}@test.example");
        await BrowserSteps.AddChildAsync(page, "Mia");
        foreach (var offering in new[] { world, second })
        {
            await page.GotoAsync($"/familie/anmelden?angebot={offering.OfferingId}");
            await page.GetByLabel("Klassenstufe im Betreuungszeitraum").SelectOptionAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Verbindlich anmelden" }).ClickAsync();
        }

        await world.FreeThePlaceAsync(site);
        var problems = new List<string>();
        foreach (var path in new[] { "/familie", "/familie/kinder", "/familie/daten", $"/familie/anmelden?angebot={world.OfferingId}", "/" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await CheckAsync(page));
        }

        await page.GotoAsync("/familie/daten");
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto löschen" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Ja, ich möchte mein Konto endgültig löschen.")).ToHaveAttributeAsync("aria-describedby", "Confirmed-fehler");
        problems.AddRange(await CheckAsync(page));

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task StaffPages_WithApplications_AllPass()
    {
        var world = await SchoolWorld.CreateAsync(site, "Schule");
        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, world.StaffEmail, world.StaffPassword);
        var problems = new List<string>();
        foreach (var path in new[] { "/schule", $"/schule/angebot/{world.OfferingId}", $"/schule/angebot/{world.OfferingId}?Status=Accepted&Suche=Paul" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await CheckAsync(page));
        }

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task FacilityBoard_Empty_AllPass()
    {
        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        await page.GotoAsync("/hausmeister");

        (await CheckAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task CountyPages_WithContent_AllPass()
    {
        var world = await SchoolWorld.CreateAsync(site, "Verwaltung");
        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        var problems = new List<string>();
        foreach (var path in new[] { "/verwaltung", "/verwaltung/angebote", "/verwaltung/runden", "/verwaltung/satzung", "/verwaltung/konten", "/verwaltung/protokoll", "/verwaltung/fehlnachrichten" })
        {
            await page.GotoAsync(path);
            problems.AddRange(await CheckAsync(page));
        }

        await page.GotoAsync("/verwaltung/konten");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Herr Doppelt");
        await page.GetByLabel("E-Mail-Adresse").FillAsync(world.StaffEmail);
        await page.GetByLabel("Erstes Passwort").FillAsync(SchoolWorld.Password);
        await page.GetByLabel("Rolle").SelectOptionAsync("SchoolStaff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Konto anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("E-Mail-Adresse")).ToHaveAttributeAsync("aria-describedby", "Email-fehler");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Für diese E-Mail-Adresse gibt es schon ein Konto.");
        problems.AddRange(await CheckAsync(page));

        problems.Should().BeEmpty();
    }

    [Fact]
    public async Task ErrorPages_NotFoundAndForbidden_GermanPagesWithTheirStatus()
    {
        var page = await site.NewPageAsync();
        var missing = await page.GotoAsync("/gibt-es-nicht");
        missing!.Status.Should().Be(404);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Seite nicht gefunden");
        var problems = new List<string>(await CheckAsync(page));

        await BrowserSteps.RegisterFamilyAsync(page, $"familie-{Guid.NewGuid():N}@test.example");
        var forbidden = await page.GotoAsync("/verwaltung");
        forbidden!.Status.Should().Be(403);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Kein Zugriff");
        problems.AddRange(await CheckAsync(page));
        var unknownRound = await page.GotoAsync($"/familie/runde/{Guid.NewGuid()}");
        unknownRound!.Status.Should().Be(404);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Seite nicht gefunden");

        using var http = new HttpClient { BaseAddress = site.BaseAddress };
        using var api = await http.GetAsync($"/api/v1/tenants/{SiteFactory.Tenant}/schools/{Guid.NewGuid()}");
        ((int)api.StatusCode).Should().Be(404);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", "the JSON API keeps RFC 7807");
        problems.Should().BeEmpty();
    }

    private async Task<IReadOnlyList<string>> CheckAsync(IPage page)
    {
        var problems = new List<string>(await PageChecks.AxeViolationsAsync(page));
        var bytes = await PageChecks.TransferredBytesAsync(page);
        output.WriteLine($"{page.Url}: {bytes} bytes, first byte {await PageChecks.FirstByteMillisecondsAsync(page):F1} ms");
        if (bytes > PageChecks.MaxTransferBytes)
        {
            problems.Add($"{page.Url}: {bytes} bytes transferred, over {PageChecks.MaxTransferBytes}");
        }

        await page.SetViewportSizeAsync(320, 640);
        if (!await PageChecks.FitsWidthAsync(page))
        {
            problems.Add($"{page.Url}: scrolls sideways at 320 px");
        }

        await page.SetViewportSizeAsync(1024, 800);
        return problems;
    }
}
