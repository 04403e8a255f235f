using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebKita.Silo.Alarms;
using WebKita.Silo.Alerts;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Devices;

public static class SagsUnsEinfachServices
{
    /// <summary>
    /// "Sag's uns einfach": buildings, devices and their messages, alarm profiles, tickets and the
    /// alarm-to-ticket link. Without a broker registered, <see cref="IBrokerAccounts"/> is the
    /// unconfigured one; a gateway host registers the real one (last registration wins).
    /// </summary>
    public static IServiceCollection AddSagsUnsEinfach(this IServiceCollection services)
    {
        services.AddSingleton<BuildingDirectory>();
        services.AddSingleton<AlarmProfileDirectory>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<SessionLeases>();
        // Device shards are Orleans grains: every host of these services hosts a silo of the cluster.
        services.AddSingleton<DeviceActivations>();
        services.AddSingleton<IReminderTarget>(sp => sp.GetRequiredService<DeviceActivations>());
        services.AddSingleton<TicketDesk>();
        services.AddSingleton<IReminderTarget>(sp => sp.GetRequiredService<TicketDesk>());
        services.AddSingleton<IDeviceMessageSink, DeviceMessages>();
        services.TryAddSingleton<IBrokerAccounts, UnconfiguredBrokerAccounts>();
        services.AddSingleton<IOutboxSubscriber, AlarmTickets>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookRegistry>();
        services.AddSingleton<IOutboxSubscriber, WebhookOutbox>();
        services.AddSingleton<IReminderTarget>(sp => new WebhookSender(
            sp.GetRequiredService<Storage.IGrainStore>(), sp.GetRequiredService<WebhookRegistry>(),
            WebhookAddresses.CreateClient(sp.GetRequiredService<SiloOptions>().WebhooksMayReachInternalAddresses), // one client for all webhook calls
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
