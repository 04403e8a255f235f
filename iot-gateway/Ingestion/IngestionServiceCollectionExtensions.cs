using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WebKita.Broker;

namespace WebKita.IotGateway.Ingestion;

public static class IngestionServiceCollectionExtensions
{
    /// <summary>The ingestion from the broker named by "Broker" with the settings of "Ingestion", into the domain's <c>IDeviceMessageSink</c> (AddSilo registers it).</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(IngestionOptions.Section).Get<IngestionOptions>() ?? new IngestionOptions();
        services.AddSingleton(options);
        services.TryAddSingleton(configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions());
        services.AddSingleton<IngestionCounters>();
        services.AddSingleton<MessageHandler>();
        services.AddSingleton<GatewaySessionLease>();
        services.AddSingleton<IngestionService>();
        services.AddHostedService(sp => sp.GetRequiredService<IngestionService>());
        return services;
    }
}
