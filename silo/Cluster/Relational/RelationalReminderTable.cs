using System.Data.Common;
using System.Globalization;
using static WebKita.Silo.Cluster.Relational.Sql;

namespace WebKita.Silo.Cluster.Relational;

/// <summary>
/// Reminders as rows keyed by grain id and reminder name, with the grain's uniform hash for the
/// ring ranges each silo owns, times as UTC ticks and a 64-bit version as ETag. Thread-safe.
/// </summary>
public sealed class RelationalReminderTable(ClusterStore store) : IReminderTable
{
    private const string Columns = "grain_id, reminder_name, start_at, period, version";

    public Task<ReminderTableData> ReadRows(GrainId grainId) =>
        QueryAsync($"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain", ("@grain", grainId.ToString()));

    public Task<ReminderTableData> ReadRows(uint begin, uint end) =>
        // A ring range (begin, end]; begin >= end wraps around zero (begin == end is the whole ring).
        QueryAsync(
            begin < end
                ? $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND grain_hash > @begin AND grain_hash <= @end"
                : $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND (grain_hash > @begin OR grain_hash <= @end)",
            ("@begin", (long)begin),
            ("@end", (long)end));

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var rows = await QueryAsync(
            $"SELECT {Columns} FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name",
            ("@grain", grainId.ToString()),
            ("@name", reminderName));
        return rows.Reminders.Count == 0 ? null : rows.Reminders[0];
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = Command(
            connection,
            """
            INSERT INTO orleans_reminders (service_id, grain_id, reminder_name, grain_hash, start_at, period, version)
            VALUES (@service, @grain, @name, @hash, @start, @period, 1)
            ON CONFLICT (service_id, grain_id, reminder_name)
            DO UPDATE SET start_at = excluded.start_at, period = excluded.period, version = orleans_reminders.version + 1
            RETURNING version
            """,
            ("@service", store.ServiceId),
            ("@grain", entry.GrainId.ToString()),
            ("@name", entry.ReminderName),
            ("@hash", (long)entry.GrainId.GetUniformHashCode()),
            ("@start", entry.StartAt.ToUniversalTime().Ticks),
            ("@period", entry.Period.Ticks));
        var version = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        return version.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        if (!long.TryParse(eTag, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        await using var connection = await store.OpenAsync(CancellationToken.None);
        return await ExecuteAsync(
            connection,
            "DELETE FROM orleans_reminders WHERE service_id = @service AND grain_id = @grain AND reminder_name = @name AND version = @version",
            CancellationToken.None,
            ("@service", store.ServiceId),
            ("@grain", grainId.ToString()),
            ("@name", reminderName),
            ("@version", version)) > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await ExecuteAsync(connection, "DELETE FROM orleans_reminders WHERE service_id = @service", CancellationToken.None, ("@service", store.ServiceId));
    }

    private async Task<ReminderTableData> QueryAsync(string text, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await store.OpenAsync(CancellationToken.None);
        await using var command = Command(connection, text, [("@service", store.ServiceId), .. parameters]);
        await using var reader = await command.ExecuteReaderAsync();
        var entries = new List<ReminderEntry>();
        while (await reader.ReadAsync())
        {
            entries.Add(Read(reader));
        }

        return new ReminderTableData(entries);
    }

    private static ReminderEntry Read(DbDataReader reader) => new()
    {
        GrainId = GrainId.Parse(reader.GetString(0)),
        ReminderName = reader.GetString(1),
        StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
        Period = TimeSpan.FromTicks(reader.GetInt64(3)),
        ETag = reader.GetInt64(4).ToString(CultureInfo.InvariantCulture),
    };
}
