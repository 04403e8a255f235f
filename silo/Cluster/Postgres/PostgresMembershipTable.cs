using System.Globalization;
using Npgsql;

namespace WebKita.Silo.Cluster.Postgres;

/// <summary>
/// Orleans membership in PostgreSQL. The table version and each row's version are checked and
/// bumped in one transaction, so of two silos changing the view at once exactly one wins and the
/// other re-reads, as the membership protocol expects. I-am-alive updates touch only their column.
/// Thread-safe.
/// </summary>
public sealed class PostgresMembershipTable(PostgresClusterStore store, string clusterId) : IMembershipTable
{
    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync(CancellationToken.None);
        if (tryInitTableVersion)
        {
            await using var command = new NpgsqlCommand(
                "INSERT INTO orleans_membership_version (cluster_id, version) VALUES (@cluster, 0) ON CONFLICT DO NOTHING", connection);
            command.Parameters.AddWithValue("cluster", clusterId);
            await command.ExecuteNonQueryAsync();
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "DELETE FROM orleans_membership WHERE cluster_id = @cluster; DELETE FROM orleans_membership_version WHERE cluster_id = @cluster", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        await command.ExecuteNonQueryAsync();
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "DELETE FROM orleans_membership WHERE cluster_id = @cluster AND i_am_alive < @before AND entry::jsonb ->> 'Status' = @dead", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("before", beforeDate.UtcTicks);
        command.Parameters.AddWithValue("dead", ((int)SiloStatus.Dead).ToString(CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync();
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion) =>
        ChangeAsync(tableVersion, """
            INSERT INTO orleans_membership (cluster_id, silo_address, entry, i_am_alive, version)
            VALUES (@cluster, @address, @entry, @alive, 1) ON CONFLICT DO NOTHING
            """, entry, rowVersion: null);

    public Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion) =>
        ChangeAsync(tableVersion, """
            UPDATE orleans_membership SET entry = @entry, i_am_alive = @alive, version = version + 1
            WHERE cluster_id = @cluster AND silo_address = @address AND version = @row_version
            """, entry, long.Parse(etag, CultureInfo.InvariantCulture));

    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "UPDATE orleans_membership SET i_am_alive = @alive WHERE cluster_id = @cluster AND silo_address = @address", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        command.Parameters.AddWithValue("address", entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue("alive", entry.IAmAliveTime.ToUniversalTime().Ticks);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<bool> ChangeAsync(TableVersion tableVersion, string rowChange, MembershipEntry entry, long? rowVersion)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        // The caller read the table at version ETag and proposes tableVersion.Version as the next one.
        await using (var bump = new NpgsqlCommand(
            "UPDATE orleans_membership_version SET version = @next WHERE cluster_id = @cluster AND version = @read", connection, transaction))
        {
            bump.Parameters.AddWithValue("cluster", clusterId);
            bump.Parameters.AddWithValue("next", (long)tableVersion.Version);
            bump.Parameters.AddWithValue("read", long.Parse(tableVersion.VersionEtag, CultureInfo.InvariantCulture));
            if (await bump.ExecuteNonQueryAsync() == 0)
            {
                return false;
            }
        }

        await using var change = new NpgsqlCommand(rowChange, connection, transaction);
        change.Parameters.AddWithValue("cluster", clusterId);
        change.Parameters.AddWithValue("address", entry.SiloAddress.ToParsableString());
        change.Parameters.AddWithValue("entry", StoredMember.Write(entry));
        change.Parameters.AddWithValue("alive", entry.IAmAliveTime.ToUniversalTime().Ticks);
        if (rowVersion is { } version)
        {
            change.Parameters.AddWithValue("row_version", version);
        }

        if (await change.ExecuteNonQueryAsync() == 0)
        {
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    private async Task<MembershipTableData> ReadAsync(SiloAddress? only)
    {
        await using var connection = (NpgsqlConnection)await store.OpenAsync(CancellationToken.None);
        // One snapshot for the version and the rows, so they never disagree.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        long tableVersion;
        await using (var version = new NpgsqlCommand("SELECT version FROM orleans_membership_version WHERE cluster_id = @cluster", connection, transaction))
        {
            version.Parameters.AddWithValue("cluster", clusterId);
            tableVersion = await version.ExecuteScalarAsync() is long v ? v : 0;
        }

        await using var rows = new NpgsqlCommand(
            only is null
                ? "SELECT entry, i_am_alive, version FROM orleans_membership WHERE cluster_id = @cluster"
                : "SELECT entry, i_am_alive, version FROM orleans_membership WHERE cluster_id = @cluster AND silo_address = @address",
            connection,
            transaction);
        rows.Parameters.AddWithValue("cluster", clusterId);
        if (only is not null)
        {
            rows.Parameters.AddWithValue("address", only.ToParsableString());
        }

        var entries = new List<Tuple<MembershipEntry, string>>();
        await using (var reader = await rows.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var entry = StoredMember.Read(reader.GetString(0), new DateTime(reader.GetInt64(1), DateTimeKind.Utc));
                entries.Add(Tuple.Create(entry, reader.GetInt64(2).ToString(CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync();
        return new MembershipTableData(entries, new TableVersion(checked((int)tableVersion), tableVersion.ToString(CultureInfo.InvariantCulture)));
    }
}
