namespace WebKita.Silo.Storage;

/// <summary>A grain's state as last committed, with the version a write must name to replace it.</summary>
public sealed record StoredGrain(GrainKey Key, long Version, string State);
