using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Silo.Accounts;
using WebKita.Silo.Cluster;
using WebKita.Silo.Mail;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Silo.Tests.Registration;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Mail;

/// <summary>
/// A silo host (the domain's services and an Orleans silo), mailing <see cref="Silos.Tenant"/> through a real SMTP server on
/// loopback; the reminder and outbox loops are left out: tests hand over the outbox and fire reminders.
/// </summary>
internal sealed class MailSilo : IAsyncDisposable
{
    public const string County = "Main-Taunus-Kreis";
    public const string BaseUrl = "https://webkita.example";

    private readonly IHost _host;

    private MailSilo(IHost host) => _host = host;

    public IGrainStore Store => Get<IGrainStore>();

    public static async Task<MailSilo> StartAsync(
        string connectionString, ManualTimeProvider time, int smtpPort, Func<IGrainStore, IGrainStore>? wrap = null, bool mailsTheTenant = true)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = "Postgres",
            ["Silo:ConnectionString"] = connectionString,
            ["Mail:BaseUrl"] = BaseUrl,
            ["Mail:UnsubscribeKey"] = "test-key-for-unsubscribe-links",
            [$"Mail:Tenants:{Silos.Tenant.Value}:Host"] = "127.0.0.1",
            [$"Mail:Tenants:{Silos.Tenant.Value}:Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Mail:Tenants:{Silos.Tenant.Value}:StartTls"] = "false",
            [$"Mail:Tenants:{Silos.Tenant.Value}:Sender"] = "webkita@mtk.example",
            [$"Mail:Tenants:{Silos.Tenant.Value}:CountyName"] = County,
        }.Where(s => mailsTheTenant || !s.Key.StartsWith("Mail:Tenants:", StringComparison.Ordinal))).Build();
        var builder = SiloHost.CreateBuilder(configuration, time, runsLoops: false);
        if (wrap is not null)
        {
            builder.Services.AddSingleton(sp => wrap(SiloServiceCollectionExtensions.CreateStore(sp.GetRequiredService<SiloOptions>())));
        }

        var host = builder.Build();
        await host.StartAsync();
        return new MailSilo(host);
    }

    public T Get<T>()
        where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Hands the outbox over and fires every reminder due now, until nothing is left to do.</summary>
    public async Task SettleAsync()
    {
        for (var round = 0; round < 20; round++)
        {
            var dispatched = await Get<OutboxDispatcher>().DispatchPendingAsync(default);
            var fired = await Get<ReminderService>().FireDueAsync(default);
            if (dispatched == 0 && fired == 0)
            {
                return;
            }
        }

        throw new InvalidOperationException("The silo did not settle in 20 rounds.");
    }

    public async Task<Guid> OpenAccountAsync(string email, Role role, params Guid[] buildings)
    {
        var outcome = await Get<AccountDirectory>().OpenAsync(Silos.Tenant, email, "hash", role, "Person", [], buildings, default);
        outcome.Refusal.Should().BeNull();
        return outcome.Value!.Id;
    }

    public async Task<Guid> ApplyAsync(Guid offeringId, Child child, Guid familyId)
    {
        var reply = await Get<RegistrationDirectory>().SendAsync(Silos.Tenant, offeringId, new SubmitApplication(child, child.FirstName, familyId), default);
        reply.Refusal.Should().BeNull();
        return reply.Application!.Id;
    }

    public Task<OfferingReply> SendAsync(Guid offeringId, OfferingCommand command) =>
        Get<RegistrationDirectory>().SendAsync(Silos.Tenant, offeringId, command, default);

    public Task<IReadOnlyList<MailNotification>> NotificationsAsync(string status) =>
        Get<MailNotifications>().ListAsync(Silos.Tenant, status, default);

    public async ValueTask DisposeAsync() => await _host.StopAndDisposeAsync();
}
