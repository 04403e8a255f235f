using System.Collections.Concurrent;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Runtime;

public sealed class MailboxTests : IAsyncDisposable
{
    private readonly ConcurrentQueue<int[]> _batches = new();
    private readonly TaskCompletionSource _firstTurnStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _releaseFirstTurn = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Mailbox<int, string>? _mailbox;

    [Fact]
    public async Task PostAsync_WhileTurnRuns_QueuedRequestsDecidedTogetherInNextTurn()
    {
        var mailbox = Create(maxBatch: 100, capacity: 100);
        var first = mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;

        var queued = Enumerable.Range(2, 4).Select(n => mailbox.PostAsync(n, default)).ToList();
        _releaseFirstTurn.SetResult();

        (await first).Should().Be("r1");
        (await Task.WhenAll(queued)).Should().Equal("r2", "r3", "r4", "r5");
        _batches.Should().BeEquivalentTo([new[] { 1 }, [2, 3, 4, 5]], o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task PostAsync_MoreQueuedThanMaxBatch_SplitsInPostingOrder()
    {
        var mailbox = Create(maxBatch: 2, capacity: 100);
        var first = mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;

        var queued = Enumerable.Range(2, 5).Select(n => mailbox.PostAsync(n, default)).ToList();
        _releaseFirstTurn.SetResult();
        await Task.WhenAll(queued.Append(first));

        _batches.Should().BeEquivalentTo([new[] { 1 }, [2, 3], [4, 5], [6]], o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task PostAsync_TurnNotReturned_ReplyWithheld()
    {
        var mailbox = Create(maxBatch: 10, capacity: 10);

        var reply = mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;

        reply.IsCompleted.Should().BeFalse();
        _releaseFirstTurn.SetResult();
        (await reply).Should().Be("r1");
    }

    [Fact]
    public async Task PostAsync_QueueFull_RefusesAtOnceWithSiloOverloaded()
    {
        var mailbox = Create(maxBatch: 10, capacity: 2);
        var first = mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;
        var queued = new[] { mailbox.PostAsync(2, default), mailbox.PostAsync(3, default) };

        Action overflow = () => mailbox.PostAsync(4, default);

        overflow.Should().Throw<SiloOverloadedException>();
        _releaseFirstTurn.SetResult();
        (await Task.WhenAll(queued.Append(first))).Should().Equal("r2", "r3", "r1");
    }

    [Fact]
    public async Task PostAsync_TurnThrows_EveryCallerOfThatTurnGetsTheException()
    {
        _mailbox = new Mailbox<int, string>(
            async (requests, _) =>
            {
                _batches.Enqueue([.. requests]);
                if (requests[0] == 1)
                {
                    _firstTurnStarted.TrySetResult();
                    await _releaseFirstTurn.Task;
                    return [.. requests.Select(r => $"r{r}")];
                }

                throw new InvalidOperationException("commit failed");
            },
            maxBatch: 10,
            capacity: 10);
        var first = _mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;
        var failing = new[] { _mailbox.PostAsync(2, default), _mailbox.PostAsync(3, default) };

        _releaseFirstTurn.SetResult();

        (await first).Should().Be("r1");
        foreach (var reply in failing)
        {
            await reply.Invoking(r => r).Should().ThrowAsync<InvalidOperationException>().WithMessage("commit failed");
        }

        (await _mailbox.PostAsync(1, default)).Should().Be("r1", "the mailbox keeps serving after a failed turn");
    }

    [Fact]
    public async Task PostAsync_OneRequestFailsItsGroupCommit_OnlyItsCallerFails()
    {
        _mailbox = PoisonedBy(3, new InvalidOperationException("22P05: unsupported Unicode escape sequence"));
        var first = _mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;
        var queued = new[] { _mailbox.PostAsync(2, default), _mailbox.PostAsync(3, default), _mailbox.PostAsync(4, default) };

        _releaseFirstTurn.SetResult();

        (await first).Should().Be("r1");
        (await queued[0]).Should().Be("r2");
        await queued[1].Invoking(r => r).Should().ThrowAsync<InvalidOperationException>();
        (await queued[2]).Should().Be("r4");
        _batches.Should().BeEquivalentTo([new[] { 1 }, [2, 3, 4], [2], [3], [4]], o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task PostAsync_StoreUnavailableForGroupCommit_WholeBatchFailsWithoutRetry()
    {
        _mailbox = PoisonedBy(3, new StoreUnavailableException("down", new IOException("reset")));
        var first = _mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;
        var queued = new[] { _mailbox.PostAsync(2, default), _mailbox.PostAsync(3, default) };

        _releaseFirstTurn.SetResult();

        await first;
        foreach (var reply in queued)
        {
            await reply.Invoking(r => r).Should().ThrowAsync<StoreUnavailableException>();
        }

        _batches.Should().BeEquivalentTo([new[] { 1 }, [2, 3]], o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task DisposeAsync_RequestsStillQueued_FailedWithObjectDisposed()
    {
        var mailbox = Create(maxBatch: 10, capacity: 10);
        var first = mailbox.PostAsync(1, default);
        await _firstTurnStarted.Task;
        var queued = mailbox.PostAsync(2, default);

        var disposing = mailbox.DisposeAsync().AsTask();
        _mailbox = null;
        _releaseFirstTurn.SetResult();
        await disposing;

        await queued.Invoking(q => q).Should().ThrowAsync<ObjectDisposedException>();
        first.IsCompleted.Should().BeTrue();
    }

    public async ValueTask DisposeAsync()
    {
        _releaseFirstTurn.TrySetResult();
        if (_mailbox is not null)
        {
            await _mailbox.DisposeAsync();
        }
    }

    /// <summary>A turn that fails whenever its batch holds <paramref name="poison"/>; the first turn waits for the test.</summary>
    private Mailbox<int, string> PoisonedBy(int poison, Exception failure) => new(
        async (requests, _) =>
        {
            _batches.Enqueue([.. requests]);
            if (requests[0] == 1)
            {
                _firstTurnStarted.TrySetResult();
                await _releaseFirstTurn.Task;
            }

            return requests.Contains(poison) ? throw failure : [.. requests.Select(r => $"r{r}")];
        },
        maxBatch: 10,
        capacity: 10);

    private Mailbox<int, string> Create(int maxBatch, int capacity)
    {
        _mailbox = new Mailbox<int, string>(
            async (requests, _) =>
            {
                _batches.Enqueue([.. requests]);
                _firstTurnStarted.TrySetResult();
                await _releaseFirstTurn.Task;
                return [.. requests.Select(r => $"r{r}")];
            },
            maxBatch,
            capacity);
        return _mailbox;
    }
}
