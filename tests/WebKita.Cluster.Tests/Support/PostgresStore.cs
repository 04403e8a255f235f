using WebKita.Testing;

namespace WebKita.Cluster.Tests.Support;

/// <summary>The PostgreSQL set: a fresh database of the shared private test cluster per call.</summary>
public sealed class PostgresStore : IProviderSetStore
{
    public async Task<IReadOnlyDictionary<string, string?>> CreateAsync()
    {
        var server = await PostgresServer.Shared;
        return Settings.For("Postgres", await server.CreateDatabaseAsync());
    }
}
