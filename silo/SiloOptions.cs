namespace WebKita.Silo;

public sealed class SiloOptions
{
    /// <summary>"Sqlite" (embedded default) or "Postgres".</summary>
    public string Store { get; set; } = "Sqlite";

    /// <summary>For SQLite a file path or connection string; for PostgreSQL an Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "Data Source=.data/webkita.db";

    /// <summary>Most commands one turn of a grain decides and commits together.</summary>
    public int MaxBatch { get; set; } = 2048;

    /// <summary>Most commands waiting for one grain before callers are turned away (HTTP 503).</summary>
    public int MailboxCapacity { get; set; } = 50_000;

    public TimeSpan ReminderPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Webhooks may call loopback and private addresses: for tests and closed test networks only.</summary>
    public bool WebhooksMayReachInternalAddresses { get; set; }
}
