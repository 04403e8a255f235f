namespace WebKita.Silo.Cluster;

/// <summary>Where a silo keeps membership, grain state and reminders; chosen by <c>Silo:Store</c>.</summary>
public enum ProviderSet
{
    /// <summary>Embedded default: localhost clustering, grain state and reminders in the SQLite file of <c>Silo:ConnectionString</c>.</summary>
    Sqlite,

    /// <summary>Production on premises: membership, grain state and reminders in PostgreSQL.</summary>
    Postgres,

    /// <summary>Azure Table Storage through the Orleans AzureStorage providers.</summary>
    AzureStorage,
}
