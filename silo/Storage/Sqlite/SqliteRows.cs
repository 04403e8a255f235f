using Microsoft.Data.Sqlite;

namespace WebKita.Silo.Storage.Sqlite;

/// <summary>How the SQLite store maps its records to rows and parameters: ids as text, times as UTC ticks.</summary>
internal static class SqliteRows
{
    public static string Text(Guid id) => id.ToString("D");

    public static (string, object)[] GrainParameters(GrainWrite write) =>
    [
        ("$tenant", write.Key.Tenant), ("$kind", write.Key.Kind), ("$id", Text(write.Key.Id)),
        ("$parent", write.Parent is { } p ? Text(p) : DBNull.Value), ("$state", write.State),
    ];

    public static (string, object)[] ReminderParameters(Reminder reminder) =>
    [
        ("$tenant", reminder.Grain.Tenant), ("$kind", reminder.Grain.Kind), ("$id", Text(reminder.Grain.Id)),
        ("$name", reminder.Name), ("$due", reminder.DueAt.UtcTicks),
    ];

    public static Reminder ReadReminder(SqliteDataReader r) =>
        new(new GrainKey(r.GetString(0), r.GetString(1), Guid.Parse(r.GetString(2))), r.GetString(3), new DateTimeOffset(r.GetInt64(4), TimeSpan.Zero));

    public static OutboxEntry ReadOutboxEntry(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Guid.Parse(r.GetString(2)), new DateTimeOffset(r.GetInt64(3), TimeSpan.Zero), r.GetString(4), r.GetInt64(5));

    public static async Task<int> Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
