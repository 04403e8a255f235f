using Microsoft.Extensions.DependencyInjection;
using WebKita.Silo.Runtime;
using WebKita.Testing;

namespace WebKita.Pages.Tests.Support;

/// <summary>The site on a clock the test moves; due reminders fire only when the test says so.</summary>
public sealed class ClockedSite : PagesSite
{
    public ClockedSite()
        : this(new ManualTimeProvider(DateTimeOffset.UtcNow))
    {
    }

    private ClockedSite(ManualTimeProvider clock)
        : base(clock)
    {
        Clock = clock;
    }

    public ManualTimeProvider Clock { get; }

    /// <summary>Fires every reminder due on the clock (a round's deadline runs its allocation); returns how many fired.</summary>
    public Task<int> FireDueRemindersAsync() => Services.GetRequiredService<ReminderService>().FireDueAsync(CancellationToken.None);
}
