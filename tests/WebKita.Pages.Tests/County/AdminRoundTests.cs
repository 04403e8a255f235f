using Microsoft.Playwright;
using WebKita.Api.Pages.Site;
using WebKita.Pages.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Pages.Tests.County;

/// <summary>A county admin sets up and runs a round in the browser, on a clock the test moves past the deadline.</summary>
public sealed class AdminRoundTests(ClockedSite site, ITestOutputHelper output) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task Round_AdminEnactsCreatesSimulatesAndDeadlinePasses_PublishedResultVisible()
    {
        var page = await site.NewPageAsync();
        var problems = new List<string>();
        await BrowserSteps.SignInAsync(page, SiteFactory.AdminEmail, SiteFactory.AdminPassword);

        await page.GotoAsync("/verwaltung/satzung");
        problems.AddRange(await PageChecks.AxeViolationsAsync(page));
        await page.GetByLabel("Berufstätigkeit (je sorgeberechtigte Person)").FillAsync("10");
        await page.GetByLabel("Vorrangige Klassenstufen von").FillAsync("1");
        await page.GetByLabel("bis", new() { Exact = true }).FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fassung beschließen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("der Satzung gilt ab jetzt");
        await Assertions.Expect(page.Locator("table tr", new() { HasText = "Berufstätigkeit" })).ToContainTextAsync("10");

        await page.GotoAsync("/verwaltung");
        await page.GetByLabel("Name der Schule").FillAsync("Grundschule am Lindenplatz");
        await page.GetByLabel("Adresse").FillAsync("Lindenplatz 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Schule anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Die Schule „Grundschule am Lindenplatz“ ist angelegt.");
        problems.AddRange(await PageChecks.AxeViolationsAsync(page));

        var now = site.Clock.GetUtcNow();
        await page.GotoAsync("/verwaltung/angebote");
        await page.GetByLabel("Schule").SelectOptionAsync(new SelectOptionValue { Label = "Grundschule am Lindenplatz" });
        await page.GetByLabel("Titel").FillAsync("Lindenmodul bis 16 Uhr");
        await page.GetByLabel("Vergabe").SelectOptionAsync("CriteriaAtDeadline");
        await page.GetByLabel("Plätze").FillAsync("1");
        await page.GetByLabel("Anmeldung ab (Ortszeit)").FillAsync(GermanTime.ToLocalInput(now.AddHours(-1)));
        await page.GetByLabel("Anmeldung bis (Ortszeit)").FillAsync(GermanTime.ToLocalInput(now.AddDays(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Angebot anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Das Angebot „Lindenmodul bis 16 Uhr“ ist angelegt.");
        problems.AddRange(await PageChecks.AxeViolationsAsync(page));

        var deadline = now.AddMinutes(10);
        await page.GotoAsync("/verwaltung/runden");
        await page.GetByLabel("Titel").FillAsync("Schuljahr 2027/28 Lindenplatz");
        await page.GetByLabel("Stichtag (Ortszeit)").FillAsync(GermanTime.ToLocalInput(deadline));
        await page.GetByLabel("Lindenmodul bis 16 Uhr (1 Plätze)").CheckAsync();
        problems.AddRange(await PageChecks.AxeViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Vergaberunde anlegen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Vergaberunde „Schuljahr 2027/28 Lindenplatz“ ist angelegt.");
        var roundId = Guid.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..]);

        var offeringId = await OfferingIdAsync("Lindenmodul bis 16 Uhr");
        var world = new RoundWorld(Guid.Empty, offeringId, "Lindenmodul bis 16 Uhr", roundId, deadline, "");
        await world.PaperApplicationAsync(site, "Anna");
        await world.PaperApplicationAsync(site, "Ben");

        await page.ReloadAsync();
        await page.GetByLabel("Startwert der Losung (freiwillig)").FillAsync("probe-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        var summary = page.GetByText("Probelauf mit Startwert probe-1");
        await Assertions.Expect(summary).ToContainTextAsync("1 Plätze, 0 über der Platzzahl, 1 auf der Warteliste.");
        var firstRun = await page.GetByRole(AriaRole.Table, new() { Name = "Zuteilung im Probelauf" }).InnerTextAsync();
        problems.AddRange(await PageChecks.AxeViolationsAsync(page));
        await page.GetByRole(AriaRole.Button, new() { Name = "Probelauf starten" }).ClickAsync();
        (await page.GetByRole(AriaRole.Table, new() { Name = "Zuteilung im Probelauf" }).InnerTextAsync()).Should().Be(firstRun, "the same seed gives the same lottery and the same result");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veröffentlichtes Ergebnis" })).ToHaveCountAsync(0);

        site.Clock.SetUtcNow(deadline.AddMinutes(1));
        (await site.FireDueRemindersAsync()).Should().BeGreaterThanOrEqualTo(1);
        await page.GotoAsync($"/verwaltung/runde/{roundId}");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Veröffentlichtes Ergebnis" })).ToBeVisibleAsync();
        var result = page.Locator("section[aria-labelledby=ergebnis]");
        await Assertions.Expect(result).ToContainTextAsync("Plätze vergeben1");
        await Assertions.Expect(result).ToContainTextAsync("Warteliste1");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Bewerbungen und ihr Stand" })).ToContainTextAsync("Platz angeboten");
        problems.AddRange(await PageChecks.AxeViolationsAsync(page));
        output.WriteLine($"round page: {await PageChecks.TransferredBytesAsync(page)} bytes, first byte {await PageChecks.FirstByteMillisecondsAsync(page):F1} ms");
        problems.Should().BeEmpty();
    }

    private async Task<Guid> OfferingIdAsync(string title)
    {
        using var api = await site.AdminApiAsync();
        var offerings = await api.GetAsync("/offerings");
        return offerings.EnumerateArray().Single(o => o.GetProperty("title").GetString() == title).GetProperty("id").GetGuid();
    }
}
