using Orleans.Storage;
using static WebKita.Silo.Cluster.Relational.Sql;

namespace WebKita.Silo.Cluster.Relational;

/// <summary>
/// Grain state as one row per grain id and state name, the state as JSON text, the ETag a 64-bit
/// version. Every write names the version it read; a write that finds another version throws
/// <see cref="InconsistentStateException"/>, and Orleans deactivates the grain, which reloads.
/// Clearing keeps the row with no state and a new version, so a writer that read the state before
/// the clear still conflicts. Thread-safe.
/// </summary>
public sealed class RelationalGrainStorage(ClusterStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = Command(
            connection,
            "SELECT version, payload FROM orleans_grain_state WHERE service_id = @service AND grain_id = @grain AND state_name = @name",
            Key(stateName, grainId));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.ETag = reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = !reader.IsDBNull(1);
        if (grainState.RecordExists)
        {
            grainState.State = serializer.Deserialize<T>(BinaryData.FromString(reader.GetString(1)));
        }
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreAsync(stateName, grainId, grainState, serializer.Serialize(grainState.State).ToString());

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        StoreAsync(stateName, grainId, grainState, payload: null);

    private async Task StoreAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState, string? payload)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        var key = Key(stateName, grainId);
        long written;
        int rows;
        if (grainState.ETag is null)
        {
            written = 1;
            rows = await ExecuteAsync(
                connection,
                "INSERT INTO orleans_grain_state (service_id, grain_id, state_name, version, payload) VALUES (@service, @grain, @name, 1, @payload) ON CONFLICT DO NOTHING",
                CancellationToken.None,
                [.. key, ("@payload", payload)]);
        }
        else
        {
            var read = Version(grainState.ETag, stateName, grainId);
            written = read + 1;
            rows = await ExecuteAsync(
                connection,
                "UPDATE orleans_grain_state SET version = @written, payload = @payload WHERE service_id = @service AND grain_id = @grain AND state_name = @name AND version = @read",
                CancellationToken.None,
                [.. key, ("@payload", payload), ("@read", read), ("@written", written)]);
        }

        if (rows == 0)
        {
            throw new InconsistentStateException(
                $"State '{stateName}' of {grainId} was changed by another writer: this activation read version {grainState.ETag ?? "(none)"}.",
                storedEtag: await StoredVersionAsync(connection, key) ?? "(none)",
                currentEtag: grainState.ETag ?? "(none)");
        }

        grainState.ETag = written.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
    }

    private static async Task<string?> StoredVersionAsync(System.Data.Common.DbConnection connection, (string, object?)[] key)
    {
        await using var command = Command(
            connection, "SELECT version FROM orleans_grain_state WHERE service_id = @service AND grain_id = @grain AND state_name = @name", key);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    private (string, object?)[] Key(string stateName, GrainId grainId) =>
        [("@service", store.ServiceId), ("@grain", grainId.ToString()), ("@name", stateName)];

    private static long Version(string etag, string stateName, GrainId grainId) =>
        long.TryParse(etag, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            ? version
            : throw new InconsistentStateException($"State '{stateName}' of {grainId} carries ETag '{etag}', which this store never wrote.", "(unknown)", etag);
}
