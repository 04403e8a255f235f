using Microsoft.Playwright;
using WebKita.Pages.Tests.Support;

namespace WebKita.Pages.Tests.Families;

/// <summary>The family flow with the keyboard alone: skip link, forms, the offer's answer; every focus visible.</summary>
public sealed class KeyboardFlowTests(PagesSite site) : IClassFixture<PagesSite>
{
    [Fact]
    public async Task RegisterApplyAccept_KeyboardOnly_Completes()
    {
        var world = await SchoolWorld.CreateAsync(site, "Tastatur");
        var page = await site.NewPageAsync();
        await page.GotoAsync("/");

        await Keyboard.TabToAsync(page, "Zum Inhalt springen");
        await Keyboard.ActivateAsync(page, "Registrieren");
        await Keyboard.TypeIntoAsync(page, "DisplayName", "Familie Tastatur");
        var email = $"tastatur-{Guid.NewGuid():N}@test.example";
        await Keyboard.TypeIntoAsync(page, "Email", email);
        await Keyboard.TypeIntoAsync(page, "Password", SchoolWorld.Password);
        await Keyboard.ActivateAsync(page, "Konto anlegen");
        await page.GetByText("Bitte loggen Sie sich jetzt ein.").WaitForAsync();
        await Keyboard.TypeIntoAsync(page, "Email", email);
        await Keyboard.TypeIntoAsync(page, "Password", SchoolWorld.Password);
        await Keyboard.ActivateAsync(page, "Einloggen");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Familie und Kinder" }).WaitForAsync();

        await Keyboard.TypeIntoAsync(page, "FirstName", "Ben");
        await Keyboard.TypeIntoAsync(page, "LastName", "Becker");
        await Keyboard.TabToAsync(page, "BirthDate");
        await page.Keyboard.TypeAsync("01042018");
        await Keyboard.ActivateAsync(page, "Kind eintragen");
        await page.GetByText("Ben ist eingetragen.").WaitForAsync();

        await page.GotoAsync("/");
        await Keyboard.ActivateAsync(page, $"Kind anmelden für {world.OfferingTitle}");
        await Keyboard.TabToAsync(page, "Grade");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        await Keyboard.ActivateAsync(page, "Verbindlich anmelden");
        var card = BrowserSteps.Card(page, $"Ben Becker: {world.OfferingTitle}");
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Warteliste, Platz 1");

        await world.FreeThePlaceAsync(site);
        await page.ReloadAsync();
        await Keyboard.ActivateAsync(page, "Platz annehmen für Ben");
        await Assertions.Expect(card.Locator(".status")).ToHaveTextAsync("Platz angenommen");
    }
}
