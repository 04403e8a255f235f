namespace WebKita.Cluster.Tests.Support;

public static class Settings
{
    /// <summary>A silo on free ports, without the dashboard, in a cluster and service of its own.</summary>
    public static IReadOnlyDictionary<string, string?> For(string store, string connectionString)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return new Dictionary<string, string?>
        {
            ["Silo:Store"] = store,
            ["Silo:ConnectionString"] = connectionString,
            ["Silo:Cluster:ClusterId"] = $"test-{id}",
            ["Silo:Cluster:ServiceId"] = $"test-{id}",
            ["Silo:Cluster:Dashboard"] = "false",
            // The fast failure detection SERVICES.md measured; configuration, not code.
            ["Silo:Membership:ProbeTimeout"] = "00:00:01",
            ["Silo:Membership:NumMissedProbesLimit"] = "2",
            ["Silo:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Silo:Membership:TableRefreshTimeout"] = "00:00:02",
        };
    }

    public static IReadOnlyDictionary<string, string?> With(this IReadOnlyDictionary<string, string?> settings, string key, string value) =>
        new Dictionary<string, string?>(settings) { [key] = value };
}
