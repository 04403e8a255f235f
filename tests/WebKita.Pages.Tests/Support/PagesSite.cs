using Microsoft.Playwright;
using WebKita.Testing;

namespace WebKita.Pages.Tests.Support;

/// <summary>
/// One api with its pages on Kestrel on a free loopback port, a fresh PostgreSQL database, and one
/// headless Chromium (/usr/bin/chromium) for a test class. Each test opens its own browser context,
/// so cookies never leak between tests.
/// </summary>
public class PagesSite : IAsyncLifetime
{
    private readonly TimeProvider? _time;
    private const string Chromium = "/usr/bin/chromium";

    private SiteFactory? _factory;
    private IPlaywright? _playwright;

    public PagesSite()
        : this(null)
    {
    }

    /// <summary>A site on the given clock (see <see cref="SiteFactory"/>).</summary>
    protected PagesSite(TimeProvider? time)
    {
        _time = time;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The api's services, for what the pages cannot cause themselves (a kiosk's defect report).</summary>
    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        File.Exists(Chromium).Should().BeTrue("scripts/install-deps installs chromium at {0}", Chromium);
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        var port = FreePort.Next();
        _factory = new SiteFactory(database, _time);
        _factory.UseKestrel(port);
        _factory.StartServer();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The JSON API signed in as the county admin.</summary>
    public async Task<SiteApi> AdminApiAsync()
    {
        var api = new SiteApi(new HttpClient { BaseAddress = BaseAddress });
        await api.SignInAsync(SiteFactory.AdminEmail, SiteFactory.AdminPassword);
        return api;
    }

    /// <summary>A fresh browser context (no cookies) and a page in it; 320 px wide when asked.</summary>
    public async Task<IPage> NewPageAsync(int width = 1024, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "de-DE",
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
