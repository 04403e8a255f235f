using Microsoft.Playwright;

namespace WebKita.Pages.Tests.Support;

/// <summary>Moves through a page as a keyboard user does: Tab until the wanted element has focus, never a click.</summary>
public static class Keyboard
{
    private const int MaxTabs = 80;

    /// <summary>Tabs forward until the focused element's id, or its visible text, is <paramref name="wanted"/>; fails if it never gets focus.</summary>
    public static async Task TabToAsync(IPage page, string wanted)
    {
        for (var i = 0; i < MaxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string[]>(
                "() => { const e = document.activeElement; return e ? [e.id || '', (e.innerText || e.value || '').replace(/\\s+/g, ' ').trim()] : ['', '']; }");
            if (focused[0] == wanted || focused[1] == wanted)
            {
                var visible = await page.EvaluateAsync<bool>(
                    "() => { const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; }");
                visible.Should().BeTrue("focus on {0} must be visible", wanted);
                return;
            }
        }

        throw new InvalidOperationException($"{MaxTabs} presses of Tab never reached '{wanted}' on {page.Url}.");
    }

    public static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await TabToAsync(page, id);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to a link or button and presses Enter; returns once the page it leads to has loaded.</summary>
    public static async Task ActivateAsync(IPage page, string text)
    {
        await TabToAsync(page, text);
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await page.Keyboard.PressAsync("Enter");
            await loaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            page.Load -= OnLoad;
        }
    }
}
