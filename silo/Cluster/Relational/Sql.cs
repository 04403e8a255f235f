using System.Data.Common;

namespace WebKita.Silo.Cluster.Relational;

/// <summary>Commands with named parameters (<c>@name</c>), understood alike by Npgsql and Microsoft.Data.Sqlite.</summary>
internal static class Sql
{
    public static DbCommand Command(DbConnection connection, string text, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static async Task<int> ExecuteAsync(DbConnection connection, string text, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, text, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
