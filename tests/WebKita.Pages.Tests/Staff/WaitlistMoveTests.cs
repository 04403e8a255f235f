using Microsoft.Playwright;
using WebKita.Pages.Tests.Support;

namespace WebKita.Pages.Tests.Staff;

public sealed class WaitlistMoveTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task Waitlist_StaffMovesLastToFirstWithReason_OrderChangedAndReasonAudited()
    {
        var world = await RoundWorld.CreateAsync(site, "Warteliste");
        foreach (var name in new[] { "Clara", "David", "Emil" })
        {
            await world.PaperApplicationAsync(site, name);
        }

        await world.PassDeadlineAsync(site);
        var before = await WaitlistAsync(world);
        before.Should().HaveCount(2, "one of three holds the only place");

        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, world.StaffEmail, SchoolWorld.Password);
        await page.GotoAsync("/schule");
        await page.GetByRole(AriaRole.Link, new() { Name = "Runde Warteliste" }).ClickAsync();
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();
        var last = await page.GetByRole(AriaRole.Table, new() { Name = $"Warteliste {world.OfferingTitle} in Reihenfolge" }).Locator("tbody tr").Nth(1).Locator("th").InnerTextAsync();
        await page.GetByLabel($"Neue Position für {last}").FillAsync("1");
        await page.GetByLabel($"Grund (wird protokolliert) für {last}").FillAsync("Geschwisterkind übersehen");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Verschieben für {last}" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync($"{last} steht jetzt auf Position 1 der Warteliste.");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = $"Warteliste {world.OfferingTitle} in Reihenfolge" }).Locator("tbody tr").First.Locator("th")).ToHaveTextAsync(last);
        (await WaitlistAsync(world)).Should().Equal(before[1], before[0]);

        var admin = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(admin, SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        await admin.GotoAsync("/verwaltung/protokoll");
        await Assertions.Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "Geschwisterkind übersehen" })).ToHaveCountAsync(1);
        (await PageChecks.AxeViolationsAsync(admin)).Should().BeEmpty();
    }

    private async Task<Guid[]> WaitlistAsync(RoundWorld world)
    {
        using var api = await site.AdminApiAsync();
        var waitlisted = await api.GetAsync($"/rounds/{world.RoundId}/applications?status=Waitlisted");
        return [.. waitlisted.EnumerateArray()
            .OrderBy(a => a.GetProperty("waitlistPositions")[0].GetProperty("position").GetInt32())
            .Select(a => a.GetProperty("id").GetGuid())];
    }
}
