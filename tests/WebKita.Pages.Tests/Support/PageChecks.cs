using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace WebKita.Pages.Tests.Support;

/// <summary>What every page must meet: axe with the WCAG 2.1 A/AA tags, the size budget, and reflow at 320 px.</summary>
public static class PageChecks
{
    public const int MaxTransferBytes = 150 * 1024;

    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>Each violation as "rule: target" lines, so a failure names what to fix.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n => $"{page.Url} {v.Id}: {string.Join(" ", n.Target)} ({v.Help})"))];
    }

    /// <summary>Bytes the browser received for the document and everything it loaded (headers included, as transferSize counts them).</summary>
    public static Task<int> TransferredBytesAsync(IPage page) => page.EvaluateAsync<int>(
        "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).reduce((sum, e) => sum + (e.transferSize || e.encodedBodySize || 0), 0)");

    /// <summary>Time from the request to the first byte of the document, as the browser measured it.</summary>
    public static Task<double> FirstByteMillisecondsAsync(IPage page) => page.EvaluateAsync<double>(
        "() => { const n = performance.getEntriesByType('navigation')[0]; return n.responseStart - n.requestStart; }");

    /// <summary>True when the page needs no horizontal scrolling at the current viewport (WCAG 1.4.10 reflow).</summary>
    public static Task<bool> FitsWidthAsync(IPage page) => page.EvaluateAsync<bool>(
        "() => document.documentElement.scrollWidth <= document.documentElement.clientWidth");
}
