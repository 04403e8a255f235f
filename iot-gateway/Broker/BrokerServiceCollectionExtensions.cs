using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebKita.Silo.Devices;

namespace WebKita.Broker;

public static class BrokerServiceCollectionExtensions
{
    /// <summary>
    /// When a "Broker" section is configured: <see cref="BrokerOptions"/> and the dynamic-security
    /// <see cref="IBrokerAccounts"/>, replacing any default registered before. Without the section
    /// nothing changes (devices cannot be registered). Call after the domain's registrations.
    /// </summary>
    public static IServiceCollection AddBrokerAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(BrokerOptions.Section);
        if (!section.Exists())
        {
            return services;
        }

        services.TryAddSingleton(section.Get<BrokerOptions>() ?? new BrokerOptions());
        services.RemoveAll<IBrokerAccounts>();
        services.AddSingleton<DynamicSecurityAccounts>();
        services.AddSingleton<IBrokerAccounts>(sp => sp.GetRequiredService<DynamicSecurityAccounts>());
        return services;
    }
}
