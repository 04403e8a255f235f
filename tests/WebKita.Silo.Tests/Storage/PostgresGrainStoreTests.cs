using Npgsql;
using WebKita.Grains.Devices;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Storage;

public sealed class PostgresGrainStoreTests : GrainStoreContract
{
    private NpgsqlDataSource? _dataSource;

    protected override async Task<IGrainStore> CreateStoreAsync()
    {
        var server = await PostgresServer.Shared;
        _dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var store = new PostgresGrainStore(_dataSource);
        await store.MigrateAsync(default);
        return store;
    }

    public override async Task DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }
    }

    [Fact]
    public async Task MigrateAsync_OutboxFromBeforeTheQueue_QueuesTheUndeliveredOnceAndDropsTheMarks()
    {
        var server = await PostgresServer.Shared;
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        await using (var create = dataSource.CreateCommand(
            """
            CREATE TABLE outbox (seq bigserial PRIMARY KEY, tenant text NOT NULL, type text NOT NULL, grain_id uuid NOT NULL,
                occurred_at timestamptz NOT NULL, payload jsonb NOT NULL, claimed_until timestamptz NULL, dispatched_at timestamptz NULL,
                claimed_by text NULL);
            CREATE INDEX outbox_pending ON outbox (seq) WHERE dispatched_at IS NULL;
            INSERT INTO outbox (tenant, type, grain_id, occurred_at, payload, dispatched_at, claimed_by, claimed_until)
            VALUES ('t', 'x.delivered', gen_random_uuid(), now(), '"one"', now(), NULL, NULL),
                   ('t', 'x.pending', gen_random_uuid(), now(), '"two"', NULL, 'old-process', now() + interval '1 hour');
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var store = new PostgresGrainStore(dataSource);
        await store.MigrateAsync(default);
        await store.MigrateAsync(default);

        var claimed = await store.ClaimOutboxAsync(T0, Lease, 10, new Claimant("b", []), default);
        claimed.Should().ContainSingle("the delivered event stays delivered, the old process's claim went with it")
            .Which.Should().Match<OutboxEntry>(e => e.Type == "x.pending" && e.Payload == "\"two\"");
        await store.MarkDispatchedAsync([claimed[0].Sequence], T0, default);
        (await store.ClaimOutboxAsync(T0.AddHours(1), Lease, 10, new Claimant("b", []), default)).Should().BeEmpty("a second migration queues nothing again");
        (await store.ReadOutboxAfterAsync("t", "x.", 0, 10, default)).Select(e => e.Type).Should().Equal("x.delivered", "x.pending");
    }

    [Fact]
    public async Task MigrateAsync_JsonbColumnsFromBefore_TextWithTheSameJson()
    {
        var server = await PostgresServer.Shared;
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var key = Key(1);
        await using (var create = dataSource.CreateCommand(
            $$"""
            CREATE TABLE grains (tenant text NOT NULL, kind text NOT NULL, id uuid NOT NULL, version bigint NOT NULL, parent uuid NULL,
                state jsonb NOT NULL, PRIMARY KEY (tenant, kind, id));
            INSERT INTO grains VALUES ('{{key.Tenant}}', '{{key.Kind}}', '{{key.Id}}', 1, NULL, '{"value": "a"}');
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        var store = new PostgresGrainStore(dataSource);
        await store.MigrateAsync(default);
        await store.MigrateAsync(default);

        var stored = await store.ReadAsync(key, default);
        (stored!.Version, Value(stored.State)).Should().Be((1, "a"));
        await store.CommitAsync(new ChangeSet([Write(key, 1, "b")], [], [], []), default);
        Value((await store.ReadAsync(key, default))!.State).Should().Be("b");
        await using var types = dataSource.CreateCommand(
            "SELECT string_agg(DISTINCT data_type, ',') FROM information_schema.columns WHERE table_schema = current_schema() AND (table_name, column_name) IN (('grains', 'state'), ('outbox', 'payload'), ('audit_log', 'details'))");
        (await types.ExecuteScalarAsync()).Should().Be("text");
    }

    [Theory]
    [InlineData(70)]
    [InlineData(MessageIdRing.Capacity + 100)]
    public async Task MigrateAsync_MessageIdSlotsFromBefore_ChunksThatRestoreTheSameRing(int total)
    {
        var server = await PostgresServer.Shared;
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync());
        var key = Key(1);
        // The old store's rows: the latest id on each slot, as the ring had written them one by one.
        var sequences = Enumerable.Range(Math.Max(0, total - MessageIdRing.Capacity), Math.Min(total, MessageIdRing.Capacity)).ToArray();
        await using (var create = dataSource.CreateCommand(
            """
            CREATE TABLE message_ids (tenant text NOT NULL, kind text NOT NULL, id uuid NOT NULL, slot integer NOT NULL, seq bigint NOT NULL,
                hash bigint NOT NULL, PRIMARY KEY (tenant, kind, id, slot))
            """))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var create = dataSource.CreateCommand("INSERT INTO message_ids SELECT $1, $2, $3, s % 1024, s, h FROM unnest($4::bigint[], $5::bigint[]) AS u(s, h)"))
        {
            create.Parameters.Add(new() { Value = key.Tenant });
            create.Parameters.Add(new() { Value = key.Kind });
            create.Parameters.Add(new() { Value = key.Id });
            create.Parameters.Add(new() { Value = sequences.Select(n => (long)n).ToArray() });
            create.Parameters.Add(new() { Value = sequences.Select(n => unchecked((long)MessageIdRing.Hash($"m{n}"))).ToArray() });
            await create.ExecuteNonQueryAsync();
        }

        var store = new PostgresGrainStore(dataSource);
        await store.MigrateAsync(default);
        await store.MigrateAsync(default);

        var chunks = await store.ReadMessageIdsAsync(key.Tenant, key.Kind, [key.Id], default);
        var ring = MessageIdRing.Restore(total, chunks.Select(c => (c.Chunk, c.Total, c.Hashes)));
        ring.Count.Should().Be(sequences.Length);
        sequences.Should().OnlyContain(n => ring.Contains($"m{n}"));
        ring.Contains($"m{sequences[0] - 1}").Should().BeFalse();
        chunks.Should().HaveCount((Math.Min(total, MessageIdRing.Capacity) + MessageIdRing.ChunkSize - 1) / MessageIdRing.ChunkSize, "a row a chunk");
    }

    // A commit that waits for another writer's row lock re-checks the row once that writer is
    // done: the update finds rows by address, and a row updated meanwhile has moved.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CommitAsync_UpdateWaitingForAnotherWriter_StaleIfItCommittedElseApplied(bool otherCommits)
    {
        var key = Key(1);
        await Commit(Write(key, 0, "a"));
        await using var other = await _dataSource!.OpenConnectionAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var update = new NpgsqlCommand("UPDATE grains SET version = 2, state = '{\"value\":\"other\"}' WHERE id = $1", other, transaction))
        {
            update.Parameters.Add(new() { Value = key.Id });
            await update.ExecuteNonQueryAsync();
        }

        var commit = Commit(Write(key, 1, "mine"));
        await WaitUntilACommitWaitsForALockAsync();
        if (otherCommits)
        {
            await transaction.CommitAsync();
            await FluentActions.Awaiting(() => commit).Should().ThrowAsync<StaleWriteException>();
        }
        else
        {
            await transaction.RollbackAsync();
            await commit;
        }

        var stored = await Store.ReadAsync(key, default);
        (stored!.Version, Value(stored.State)).Should().Be(otherCommits ? (2, "other") : (2, "mine"));
    }

    /// <summary>Polls PostgreSQL's own view of its backends until one of this database waits for a lock.</summary>
    private async Task WaitUntilACommitWaitsForALockAsync()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var probe = _dataSource!.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
        while ((long)(await probe.ExecuteScalarAsync(deadline.Token))! == 0)
        {
            await Task.Yield();
        }
    }
}
