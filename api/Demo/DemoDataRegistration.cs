namespace WebKita.Api.Demo;

public static class DemoDataRegistration
{
    public static IServiceCollection AddDemoData(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration.GetValue<bool>("Demo:Enabled"))
        {
            services.AddSingleton<DemoAccounts>();
            services.AddSingleton<DemoRound>();
            services.AddSingleton<DemoData>();
            services.AddHostedService(provider => provider.GetRequiredService<DemoData>());
        }

        if (configuration.GetValue<bool>("Demo:Enabled") && configuration.GetValue<bool>("Demo:Devices"))
        {
            services.AddHostedService<DemoDevices>();
        }

        return services;
    }
}
