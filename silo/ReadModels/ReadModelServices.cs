using Microsoft.Extensions.DependencyInjection;
using WebKita.Grains.Common;
using WebKita.Silo.Storage;

namespace WebKita.Silo.ReadModels;

public static class ReadModelServices
{
    /// <summary>
    /// The read model of a kind on Orleans: its grains publish to it (<see cref="IReadModel{T}"/>),
    /// its directory lists from it (<see cref="StoreReadModel{T}"/>); one instance for both.
    /// </summary>
    public static IServiceCollection AddStoreReadModel<T>(this IServiceCollection services, string kind, Func<T, Guid?>? parentOf = null)
        where T : class
    {
        services.AddSingleton(sp => new StoreReadModel<T>(sp.GetRequiredService<IGrainStore>(), kind, parentOf));
        services.AddSingleton<IReadModel<T>>(sp => sp.GetRequiredService<StoreReadModel<T>>());
        return services;
    }
}
