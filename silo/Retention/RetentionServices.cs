using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Retention;

public static class RetentionServices
{
    /// <summary>Every process hosting a silo may fire a tenant's yearly run; the api schedules it at start.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Retention").Get<RetentionOptions>() ?? new RetentionOptions());
        services.AddSingleton<RetentionJob>();
        services.AddSingleton<IReminderTarget>(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }
}
