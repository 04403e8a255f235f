using Microsoft.Playwright;
using WebKita.Pages.Tests.Support;

namespace WebKita.Pages.Tests.Families;

/// <summary>A family applies to a criteria round with the keyboard alone: wishes, grade and a claim the statute gives points for.</summary>
public sealed class RoundFormTests(ClockedSite site) : IClassFixture<ClockedSite>
{
    [Fact]
    public async Task RoundForm_KeyboardOnly_ApplicationWithClaimListedAndOfferedAfterDeadline()
    {
        var world = await RoundWorld.CreateAsync(site, "Tastatur");
        var page = await site.NewPageAsync();
        await BrowserSteps.RegisterFamilyAsync(page, $"familie-{Guid.NewGuid():N}@test.example");
        await BrowserSteps.AddChildAsync(page, "Mia");

        await page.GotoAsync("/");
        await Keyboard.ActivateAsync(page, "Runde Tastatur");
        page.Url.Should().EndWith($"/familie/runde/{world.RoundId}");
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();
        await Keyboard.TabToAsync(page, "Grade");
        await page.Keyboard.PressAsync("ArrowDown");
        await Keyboard.TabToAsync(page, "wunsch-0");
        await page.Keyboard.PressAsync("ArrowDown");
        await Keyboard.TabToAsync(page, "FirstGuardian");
        await page.Keyboard.PressAsync("ArrowDown");
        (await page.EvalOnSelectorAsync<string[]>("main form", "f => [f.Grade.value, f.querySelector('#wunsch-0').value, f.FirstGuardian.value]"))
            .Should().Equal("1", world.OfferingId.ToString(), "Employed");
        await Keyboard.ActivateAsync(page, "Bewerbung absenden");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Die Bewerbung für Mia ist eingegangen.");
        var card = BrowserSteps.Card(page, "Mia Becker: Runde Tastatur");
        await Assertions.Expect(card).ToBeVisibleAsync();

        await world.PassDeadlineAsync(site);
        await page.ReloadAsync();
        await Assertions.Expect(card).ToContainTextAsync("Platz angeboten");
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();
    }

    [Fact]
    public async Task RoundForm_NoWish_ErrorTiedToTheWishes()
    {
        var world = await RoundWorld.CreateAsync(site, "Ohne Wunsch");
        var page = await site.NewPageAsync();
        await BrowserSteps.RegisterFamilyAsync(page, $"familie-{Guid.NewGuid():N}@test.example");
        await BrowserSteps.AddChildAsync(page, "Noah");
        await page.GotoAsync($"/familie/runde/{world.RoundId}");
        await page.GetByLabel("Klassenstufe im neuen Schuljahr").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bewerbung absenden" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte wählen Sie mindestens einen Wunsch.");
        await Assertions.Expect(page.Locator("fieldset#Wishes")).ToHaveAttributeAsync("aria-describedby", "wuensche-hinweis Wishes-fehler");
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();
    }
}
