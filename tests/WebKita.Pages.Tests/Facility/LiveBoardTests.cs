using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Pages.Tests.Support;
using WebKita.Silo.Defects;

namespace WebKita.Pages.Tests.Facility;

public sealed class LiveBoardTests(PagesSite site) : IClassFixture<PagesSite>
{
    [Fact]
    public async Task Board_KioskReportsADefect_TicketAppearsWithoutReload()
    {
        using var api = await site.AdminApiAsync();
        var school = await api.PostAsync("/schools", new { name = "Grundschule Live", address = "Am Bach 2" });
        var schoolId = school.GetProperty("id").GetGuid();
        var building = await api.PostAsync("/buildings", new { schoolId, name = "Haupthaus", rooms = new[] { new { code = "EG.WC", name = "WC Erdgeschoss" } } });
        var buildingId = building.GetProperty("id").GetGuid();
        var email = $"hausmeister-{Guid.NewGuid():N}@test.example";
        await api.PostAsync("/accounts", new { email, password = SchoolWorld.Password, displayName = "Herr Hausmann", role = "FacilityManager", schools = Array.Empty<Guid>(), buildings = new[] { buildingId } });

        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, email, SchoolWorld.Password);
        await page.GotoAsync("/hausmeister");
        await Assertions.Expect(page.GetByText("Zurzeit gibt es keine offene Meldung.")).ToBeVisibleAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;

        var report = new DefectReport($"live-{Guid.NewGuid():N}", DefectCategory.Sanitary, null, "Spülung läuft ständig", ImmutableList<string>.Empty, "kiosk");
        var outcome = await site.Services.GetRequiredService<TicketDesk>().ReportAsync(
            new TenantId(SiteFactory.Tenant), schoolId, buildingId, "EG.WC", report, CancellationToken.None);
        var number = outcome.Value!.Ticket.Number;

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Meldung {number}: Sanitär, Raum EG.WC" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Liste wurde aktualisiert");
        navigations.Should().Be(0, "the board updates in place, from the alert stream");

        await page.GetByRole(AriaRole.Link, new() { Name = $"Meldung {number}: Sanitär, Raum EG.WC" }).ClickAsync();
        await page.GetByLabel("Notiz (freiwillig)").FillAsync("Techniker bestellt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Arbeit beginnen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"Meldung {number}: In Arbeit.");
        await page.GetByLabel("Kommentar").FillAsync("Ersatzteil kommt Montag");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kommentar speichern" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Ersatzteil kommt Montag" })).ToBeVisibleAsync();
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();
    }
}
