using Microsoft.Extensions.Hosting;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Runtime;

/// <summary>Creates the store's schema before anything else starts; a process that cannot reach its store fails fast.</summary>
public sealed class StoreMigration(IGrainStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
