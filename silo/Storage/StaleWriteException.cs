namespace WebKita.Silo.Storage;

/// <summary>
/// A write named a version that is no longer current: another process changed the grain first.
/// Nothing of the change set was committed; the caller re-reads and decides again.
/// </summary>
public sealed class StaleWriteException(GrainKey key, long expectedVersion)
    : Exception($"Grain {key} is no longer at version {expectedVersion}; another writer got there first.")
{
    public GrainKey Key { get; } = key;

    public long ExpectedVersion { get; } = expectedVersion;
}
