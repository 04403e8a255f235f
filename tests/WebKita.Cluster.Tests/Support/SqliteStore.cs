namespace WebKita.Cluster.Tests.Support;

/// <summary>The embedded set: a fresh SQLite file per call, removed with the temp folder.</summary>
public sealed class SqliteStore : IProviderSetStore
{
    public Task<IReadOnlyDictionary<string, string?>> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("webkita-cluster-");
        return Task.FromResult(Settings.For("Sqlite", $"Data Source={Path.Combine(folder.FullName, "silo.db")}"));
    }
}
