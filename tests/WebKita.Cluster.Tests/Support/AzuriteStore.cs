using WebKita.Testing;

namespace WebKita.Cluster.Tests.Support;

/// <summary>
/// The Azure Storage set against one Azurite per test process; each call is a service and cluster
/// of its own, which the Orleans table providers keep apart in their keys.
/// </summary>
public sealed class AzuriteStore : IProviderSetStore
{
    public async Task<IReadOnlyDictionary<string, string?>> CreateAsync() =>
        Settings.For("AzureStorage", (await AzuriteServer.Shared).ConnectionString);
}
