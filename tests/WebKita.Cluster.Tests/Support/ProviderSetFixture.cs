namespace WebKita.Cluster.Tests.Support;

/// <summary>One provider set's store, fresh for each test class: the settings every silo of a test uses.</summary>
public interface IProviderSetStore
{
    Task<IReadOnlyDictionary<string, string?>> CreateAsync();
}
