using System.Collections.Concurrent;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Runtime;

public sealed class PipelinedMailboxTests : IAsyncDisposable
{
    private readonly ScriptedGrain _grain = new();
    private PipelinedMailbox<int, string, ScriptedGrain.Decision>? _mailbox;

    [Fact]
    public async Task PostAsync_WhileCommitRuns_NextBatchDecidedOnSpeculationAndCommittedAfterIt()
    {
        var mailbox = Create();
        var first = mailbox.PostAsync(1, default);
        await _grain.CommitStarted(1);

        var queued = new[] { mailbox.PostAsync(2, default), mailbox.PostAsync(3, default) };
        await _grain.Decided(2);

        _grain.CommitsStarted.Should().Equal([1], "the second batch may not commit before the first has");
        first.IsCompleted.Should().BeFalse("no reply before its commit");
        _grain.Release(1);
        _grain.Release(2);

        (await first).Should().Be("r1@g0");
        (await Task.WhenAll(queued)).Should().Equal("r2@g0", "r3@g0");
        _grain.Forgotten.Should().Be(0);
    }

    [Fact]
    public async Task PostAsync_CommitStale_BatchRetriedAndNextBatchDecidedAgainOnFreshState()
    {
        var mailbox = Create();
        var first = mailbox.PostAsync(1, default);
        await _grain.CommitStarted(1);
        var second = mailbox.PostAsync(2, default);
        await _grain.Decided(2);

        _grain.Release(1, new StaleWriteException(new GrainKey("t", "offering", Guid.Empty), 1));
        await _grain.CommitStarted(2);
        _grain.Release(2);

        (await first).Should().Be("retried 1");
        (await second).Should().Be("r2@g1", "decided again after the speculation it rested on failed");
        _grain.Forgotten.Should().Be(1);
    }

    [Fact]
    public async Task PostAsync_CommitFailsForStore_ThatBatchFailsAndNextIsDecidedAgain()
    {
        var mailbox = Create();
        var first = mailbox.PostAsync(1, default);
        await _grain.CommitStarted(1);
        var second = mailbox.PostAsync(2, default);
        await _grain.Decided(2);

        _grain.Release(1, new StoreUnavailableException("down", new IOException("reset")));
        await _grain.CommitStarted(2);
        _grain.Release(2);

        await first.Invoking(t => t).Should().ThrowAsync<StoreUnavailableException>();
        (await second).Should().Be("r2@g1");
    }

    [Fact]
    public async Task PostAsync_LastCommitStaleWithNothingQueued_StillRetriedAndAnswered()
    {
        var mailbox = Create();
        var only = mailbox.PostAsync(1, default);
        await _grain.CommitStarted(1);

        _grain.Release(1, new StaleWriteException(new GrainKey("t", "offering", Guid.Empty), 1));

        (await only).Should().Be("retried 1");
    }

    [Fact]
    public async Task PostAsync_OneRequestFailsItsGroupCommit_EachRetriedAloneAndOnlyItFails()
    {
        var mailbox = Create();
        // 2, 3 and 4 queue while 1 is being decided, so they are taken as one batch.
        _grain.HoldDecision(1);
        var first = mailbox.PostAsync(1, default);
        await _grain.Decided(1);
        var queued = new[] { mailbox.PostAsync(2, default), mailbox.PostAsync(3, default), mailbox.PostAsync(4, default) };
        _grain.ReleaseDecision(1);
        await _grain.CommitStarted(1);
        await _grain.Decided(2);
        _grain.Poison.Add(3);

        _grain.Release(1);
        await _grain.CommitStarted(2);
        _grain.Release(2, new InvalidOperationException("22P05: unsupported Unicode escape sequence"));

        (await first).Should().Be("r1@g0");
        (await queued[0]).Should().Be("retried 2");
        await queued[1].Invoking(t => t).Should().ThrowAsync<InvalidOperationException>().WithMessage("poisoned 3");
        (await queued[2]).Should().Be("retried 4");
    }

    private PipelinedMailbox<int, string, ScriptedGrain.Decision> Create() =>
        _mailbox = new PipelinedMailbox<int, string, ScriptedGrain.Decision>(_grain, maxBatch: 10, capacity: 100);

    public async ValueTask DisposeAsync()
    {
        _grain.ReleaseAll();
        if (_mailbox is not null)
        {
            await _mailbox.DisposeAsync();
        }
    }

    /// <summary>A grain whose commits wait until the test releases them, with or without a failure.</summary>
    private sealed class ScriptedGrain : IPipelinedGrain<int, string, ScriptedGrain.Decision>
    {
        private readonly ConcurrentDictionary<int, TaskCompletionSource<Exception?>> _commits = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _commitStarted = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _decided = new();
        private readonly ConcurrentDictionary<int, TaskCompletionSource> _decisionHolds = new();
        private int _generation;

        public sealed record Decision(IReadOnlyList<int> Batch, int Generation);

        public ConcurrentQueue<int> CommitsStartedQueue { get; } = new();

        public IReadOnlyList<int> CommitsStarted => [.. CommitsStartedQueue];

        public int Forgotten => _generation;

        public Task CommitStarted(int first) => Signal(_commitStarted, first).Task.WaitAsync(TimeSpan.FromSeconds(10));

        public Task Decided(int first) => Signal(_decided, first).Task.WaitAsync(TimeSpan.FromSeconds(10));

        public void Release(int first, Exception? failure = null) => Gate(first).TrySetResult(failure);

        public void ReleaseAll()
        {
            foreach (var gate in _commits.Values)
            {
                gate.TrySetResult(null);
            }
        }

        public async Task<Decision> DecideAsync(IReadOnlyList<int> batch, CancellationToken cancellationToken)
        {
            var decision = new Decision(batch, _generation);
            Signal(_decided, batch[0]).TrySetResult();
            if (_decisionHolds.TryGetValue(batch[0], out var hold))
            {
                await hold.Task;
            }

            return decision;
        }

        /// <summary>The decision of the batch starting with <paramref name="first"/> waits for <see cref="ReleaseDecision"/>.</summary>
        public void HoldDecision(int first) => Signal(_decisionHolds, first);

        public void ReleaseDecision(int first) => Signal(_decisionHolds, first).TrySetResult();

        public async Task<IReadOnlyList<string>> CommitAsync(Decision decided, CancellationToken cancellationToken)
        {
            CommitsStartedQueue.Enqueue(decided.Batch[0]);
            Signal(_commitStarted, decided.Batch[0]).TrySetResult();
            if (await Gate(decided.Batch[0]).Task is { } failure)
            {
                Gate(decided.Batch[0], reset: true);
                throw failure;
            }

            return [.. decided.Batch.Select(n => $"r{n}@g{decided.Generation}")];
        }

        /// <summary>Requests that fail whenever they are decided and committed again.</summary>
        public ConcurrentBag<int> Poison { get; } = [];

        public Task<IReadOnlyList<string>> DecideAndCommitAsync(IReadOnlyList<int> batch, CancellationToken cancellationToken) =>
            batch.FirstOrDefault(Poison.Contains) is var poisoned and not 0
                ? Task.FromException<IReadOnlyList<string>>(new InvalidOperationException($"poisoned {poisoned}"))
                : Task.FromResult<IReadOnlyList<string>>([.. batch.Select(n => $"retried {n}")]);

        public void Forget() => Interlocked.Increment(ref _generation);

        private TaskCompletionSource<Exception?> Gate(int first, bool reset = false) =>
            reset
                ? _commits[first] = new(TaskCreationOptions.RunContinuationsAsynchronously)
                : _commits.GetOrAdd(first, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        private static TaskCompletionSource Signal(ConcurrentDictionary<int, TaskCompletionSource> signals, int first) =>
            signals.GetOrAdd(first, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }
}
