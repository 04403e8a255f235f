using Orleans.Storage;
using WebKita.Grains.Tests.Cluster;

namespace WebKita.Grains.Tests.GroupCommits;

public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly GrainCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task DecideAsync_CallsWhileAWriteIsInFlight_FoldIntoOneNextWriteAndAnswerOnlyAfterIt()
    {
        var seats = NewSeats();
        await seats.OpenAsync(100);
        var writesBefore = _cluster.Gate.Writes;
        _cluster.Gate.Close();

        var first = seats.TakeAsync(Guid.NewGuid());
        await Eventually.UntilAsync(() => Task.FromResult(_cluster.Gate.Held == 1));
        var rest = Enumerable.Range(0, 99).Select(_ => seats.TakeAsync(Guid.NewGuid())).ToList();
        await Eventually.UntilAsync(async () => (await seats.LiveAsync()).Holders == 100);

        first.IsCompleted.Should().BeFalse();
        rest.Should().OnlyContain(t => !t.IsCompleted, "no caller is answered before the write holding its decision");
        _cluster.Gate.Open();
        (await Task.WhenAll(rest.Append(first))).Should().OnlyContain(taken => taken);
        (_cluster.Gate.Writes - writesBefore).Should().Be(2);
        await _cluster.Cluster.DeactivateAsync(seats);
        (await seats.LiveAsync()).Holders.Should().Be(100, "every answered decision was written");
    }

    [Fact]
    public async Task DecideAsync_WriteFails_FailsEveryUndurableDecisionAndTheActivationReloads()
    {
        var seats = NewSeats();
        await seats.OpenAsync(10);
        var kept = Guid.NewGuid();
        await seats.TakeAsync(kept);
        _cluster.Gate.Close();

        var first = seats.TakeAsync(Guid.NewGuid());
        await Eventually.UntilAsync(() => Task.FromResult(_cluster.Gate.Held == 1));
        var folded = Enumerable.Range(0, 4).Select(_ => seats.TakeAsync(Guid.NewGuid())).ToList();
        await Eventually.UntilAsync(async () => (await seats.LiveAsync()).Holders == 6);
        _cluster.Gate.FailHeldWrites(new IOException("disk gone"));

        foreach (var call in folded.Prepend(first))
        {
            await call.Invoking(c => c).Should().ThrowAsync<OrleansException>().WithMessage("*disk gone*");
        }

        await _cluster.Cluster.WaitForDeactivationAsync(seats);
        (await seats.LiveAsync()).Holders.Should().Be(1, "the reloaded activation holds only what was durable");
        (await seats.TakeAsync(kept)).Should().BeTrue();
        (await seats.LiveAsync()).Holders.Should().Be(1);
    }

    [Fact]
    public async Task DecideAsync_RefusalResting_OnAnUndurableDecision_FailsWithIt()
    {
        var seats = NewSeats();
        await seats.OpenAsync(1);
        _cluster.Gate.Close();

        var taker = seats.TakeAsync(Guid.NewGuid());
        await Eventually.UntilAsync(() => Task.FromResult(_cluster.Gate.Held == 1));
        var refused = seats.TakeAsync(Guid.NewGuid());
        await Eventually.UntilAsync(async () => (await seats.LiveAsync()).Holders == 1);

        refused.IsCompleted.Should().BeFalse("the refusal says 'full' only because of the undurable decision");
        _cluster.Gate.FailHeldWrites(new IOException("disk gone"));
        await taker.Invoking(t => t).Should().ThrowAsync<OrleansException>().WithMessage("*disk gone*");
        await refused.Invoking(t => t).Should().ThrowAsync<OrleansException>().WithMessage("*disk gone*");
    }

    [Fact]
    public async Task DecideAsync_RefusalAfterDurableWrite_AnswersAtOnce()
    {
        var seats = NewSeats();
        await seats.OpenAsync(1);
        await seats.TakeAsync(Guid.NewGuid());
        _cluster.Gate.Close();

        var refused = seats.TakeAsync(Guid.NewGuid());

        (await refused).Should().BeFalse();
        _cluster.Gate.Held.Should().Be(0);
        _cluster.Gate.Open();
    }

    [Fact]
    public async Task DecideAsync_AnotherWriterChangedTheStoredState_FailsOnTheETagAndReloadsTheirState()
    {
        var seats = NewSeats();
        await seats.OpenAsync(10);
        await seats.TakeAsync(Guid.NewGuid());
        var storage = _cluster.MemoryStorageOf(0);
        var stored = new GrainState<Seats>();
        await storage.ReadStateAsync("seats", seats.GetGrainId(), stored);
        stored.State = stored.State! with { Holders = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()] };
        await storage.WriteStateAsync("seats", seats.GetGrainId(), stored);

        var conflicting = seats.TakeAsync(Guid.NewGuid());

        await conflicting.Invoking(c => c).Should().ThrowAsync<InconsistentStateException>();
        await _cluster.Cluster.WaitForDeactivationAsync(seats);
        (await seats.LiveAsync()).Holders.Should().Be(3, "the next activation decides on what the other writer stored");
        (await seats.TakeAsync(Guid.NewGuid())).Should().BeTrue();
        (await seats.LiveAsync()).Holders.Should().Be(4);
    }

    private ISeatsGrain NewSeats() => _cluster.Grains.GetGrain<ISeatsGrain>(Guid.NewGuid());
}
