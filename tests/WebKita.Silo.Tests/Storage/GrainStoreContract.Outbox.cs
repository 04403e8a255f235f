using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>The store's outbox: events in sequence order, leased claims, dispatch.</summary>
public abstract partial class GrainStoreContract
{
    [Fact]
    public async Task ReadEventsAsync_CommittedEvents_ReturnsThemWithPayloadAndTime()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [new OutboxEntry(Tenant, "x.created", Id(1), T0.AddSeconds(5), Payload("one"))], [], []));

        var events = await Store.ReadEventsAsync(Tenant, Id(1), default);

        events.Should().ContainSingle();
        events[0].Should().BeEquivalentTo(new { Tenant, Type = "x.created", GrainId = Id(1), OccurredAt = T0.AddSeconds(5) });
        Value(events[0].Payload).Should().Be("one");
        events[0].Sequence.Should().BePositive();
    }

    [Fact]
    public async Task ClaimOutboxAsync_ClaimantDeclaredDead_ItsEventsClaimedAgainBeforeTheLeaseLapses()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(2))], [], []));
        (await Store.ClaimOutboxAsync(T0, Lease, 10, Me, default)).Should().HaveCount(2);

        var whileAlive = await Store.ClaimOutboxAsync(T0.AddSeconds(5), Lease, 10, new Claimant("silo-b", []), default);
        var onceDead = await Store.ClaimOutboxAsync(T0.AddSeconds(5), Lease, 10, new Claimant("silo-b", [Me.Name]), default);
        var fromTheTaker = await Store.ClaimOutboxAsync(T0.AddSeconds(6), Lease, 10, new Claimant("silo-c", [Me.Name]), default);

        whileAlive.Should().BeEmpty("a live claimant's lease holds");
        onceDead.Select(e => e.Type).Should().Equal("e1", "e2");
        fromTheTaker.Should().BeEmpty("the events are now silo-b's, which is alive");
    }

    [Fact]
    public async Task ClaimOutboxAsync_EventsOfSeveralCommits_ReturnsThemInSequenceOrder()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(2))], [], []));
        await Commit(new ChangeSet([Write(Key(1), 1, "b")], [Event("e3", Id(3)), Event("e4", Id(1)), Event("e5", Id(2))], [], []));

        var claimed = await Store.ClaimOutboxAsync(T0, Lease, 10, Me, default);

        claimed.Select(e => e.Type).Should().Equal("e1", "e2", "e3", "e4", "e5");
        claimed.Select(e => e.Sequence).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task ClaimOutboxAsync_ManyPendingAfterPartialDispatch_ReturnsThemInSequenceOrder()
    {
        for (var round = 0; round < 4; round++)
        {
            await Commit(new ChangeSet([Write(Key(round + 1), 0, "a")], [.. Enumerable.Range(1, 500).Select(n => Event($"e{round}-{n}", Id(1)))], [], []));
        }

        var first = await Store.ClaimOutboxAsync(T0, Lease, 1500, Me, default);
        await Store.MarkDispatchedAsync([.. first.Where(e => e.Sequence % 3 == 0).Select(e => e.Sequence)], T0, default);
        var second = await Store.ClaimOutboxAsync(T0 + Lease, Lease, 2000, Me, default);

        first.Select(e => e.Sequence).Should().BeInAscendingOrder();
        second.Should().HaveCount(2000 - first.Count(e => e.Sequence % 3 == 0));
        second.Select(e => e.Sequence).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task ClaimOutboxAsync_Max_ClaimsOldestFirstAndTheRestNext()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [.. Enumerable.Range(1, 5).Select(n => Event($"e{n}", Id(1)))], [], []));

        var first = await Store.ClaimOutboxAsync(T0, Lease, 2, Me, default);
        var rest = await Store.ClaimOutboxAsync(T0, Lease, 10, Me, default);

        first.Select(e => e.Type).Should().Equal("e1", "e2");
        rest.Select(e => e.Type).Should().Equal("e3", "e4", "e5");
    }

    [Fact]
    public async Task ClaimOutboxAsync_ClaimedEntries_NotHandedOutAgainUntilLeaseLapses()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(1))], [], []));
        var claimed = await Store.ClaimOutboxAsync(T0, Lease, 10, Me, default);

        var duringLease = await Store.ClaimOutboxAsync(T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10, Me, default);
        var afterLease = await Store.ClaimOutboxAsync(T0 + Lease, Lease, 10, Me, default);

        claimed.Should().HaveCount(2);
        duringLease.Should().BeEmpty();
        afterLease.Select(e => e.Sequence).Should().Equal(claimed.Select(e => e.Sequence));
    }

    [Fact]
    public async Task ReadLeasedOutboxAsync_EventsCommittedLeased_ReadByTheHolderAndClaimedByNoOneUntilTheLeaseLapses()
    {
        Store.LeaseCommittedEvents(() => new OutboxLease(Me.Name, T0 + Lease));
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(2))], [], []));
        Store.LeaseCommittedEvents(null);
        await Commit(new ChangeSet([], [Event("e3", Id(1))], [], []));
        var silo = new Claimant("silo-b", []);

        var read = await Store.ReadLeasedOutboxAsync(Me.Name, T0, 10, default);
        var readByAnother = await Store.ReadLeasedOutboxAsync(silo.Name, T0, 10, default);
        var claimedDuringLease = await Store.ClaimOutboxAsync(T0, Lease, 10, silo, default);
        var readAfterLapse = await Store.ReadLeasedOutboxAsync(Me.Name, T0 + Lease, 10, default);
        var claimedAfterLapse = await Store.ClaimOutboxAsync(T0 + Lease, Lease, 10, silo, default);

        read.Select(e => e.Type).Should().Equal("e1", "e2");
        read.Select(e => e.Sequence).Should().BeInAscendingOrder();
        readByAnother.Should().BeEmpty();
        claimedDuringLease.Select(e => e.Type).Should().Equal(["e3"], "only the event committed without a lease is free");
        readAfterLapse.Should().BeEmpty("a lapsed lease is the claim's to take, never both");
        claimedAfterLapse.Select(e => e.Type).Should().Equal("e1", "e2", "e3");
    }

    [Fact]
    public async Task ReadLeasedOutboxAsync_DispatchedOrHolderDead_LeftOutOrTakenAtOnce()
    {
        Store.LeaseCommittedEvents(() => new OutboxLease(Me.Name, T0 + Lease));
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(1)), Event("e3", Id(1))], [], []));
        var first = await Store.ReadLeasedOutboxAsync(Me.Name, T0, 2, default);
        await Store.MarkDispatchedAsync([first[0].Sequence], T0, default);

        var stillLeased = await Store.ReadLeasedOutboxAsync(Me.Name, T0, 10, default);
        var takenFromTheDead = await Store.ClaimOutboxAsync(T0, Lease, 10, new Claimant("silo-b", [Me.Name]), default);

        first.Select(e => e.Type).Should().Equal("e1", "e2");
        stillLeased.Select(e => e.Type).Should().Equal("e2", "e3");
        takenFromTheDead.Select(e => e.Type).Should().Equal("e2", "e3");
        (await Store.ReadLeasedOutboxAsync(Me.Name, T0, 10, default)).Should().BeEmpty("the taker holds them now");
    }

    [Fact]
    public async Task DeferOutboxAsync_LeasedEvents_OutOfTheLeaseAndFreeForAnyoneOnceTheDelayHasPassed()
    {
        Store.LeaseCommittedEvents(() => new OutboxLease(Me.Name, T0 + Lease));
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(1))], [], []));
        var leased = await Store.ReadLeasedOutboxAsync(Me.Name, T0, 10, default);
        await Store.MarkDispatchedAsync([leased[1].Sequence], T0, default);

        await Store.DeferOutboxAsync([.. leased.Select(e => e.Sequence)], T0.AddSeconds(10), default);

        (await Store.ReadLeasedOutboxAsync(Me.Name, T0, 10, default)).Should().BeEmpty();
        (await Store.ClaimOutboxAsync(T0.AddSeconds(9), Lease, 10, new Claimant("silo-b", [Me.Name]), default)).Should().BeEmpty("the delay holds, even against a dead former holder");
        (await Store.ClaimOutboxAsync(T0.AddSeconds(10), Lease, 10, new Claimant("silo-b", []), default)).Select(e => e.Type)
            .Should().Equal(["e1"], "the dispatched event stays dispatched");
    }

    [Fact]
    public async Task ReleaseOutboxAsync_LeasedAndClaimedByTheHolder_FreeForAnyoneAtOnceAndOthersClaimsKept()
    {
        Store.LeaseCommittedEvents(() => new OutboxLease(Me.Name, T0 + Lease));
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("leased", Id(1)), Event("dispatched", Id(1))], [], []));
        Store.LeaseCommittedEvents(() => new OutboxLease("silo-c", T0 + Lease));
        await Commit(new ChangeSet([Write(Key(2), 0, "a")], [Event("others", Id(2))], [], []));
        Store.LeaseCommittedEvents(null);
        await Commit(new ChangeSet([Write(Key(3), 0, "a")], [Event("claimed", Id(3))], [], []));
        await Store.ClaimOutboxAsync(T0, Lease, 10, Me, default);
        var leased = await Store.ReadLeasedOutboxAsync(Me.Name, T0, 10, default);
        await Store.MarkDispatchedAsync([leased.Single(e => e.Type == "dispatched").Sequence], T0, default);

        await Store.ReleaseOutboxAsync(Me.Name, default);
        await Store.ReleaseOutboxAsync(Me.Name, default);

        (await Store.ClaimOutboxAsync(T0, Lease, 10, new Claimant("silo-b", []), default)).Select(e => e.Type)
            .Should().Equal(["leased", "claimed"], "the dispatched event stays dispatched and silo-c's lease holds");
    }

    [Fact]
    public async Task MarkDispatchedAsync_Claimed_NeverHandedOutAgain()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("e1", Id(1)), Event("e2", Id(1)), Event("e3", Id(1))], [], []));
        var claimed = await Store.ClaimOutboxAsync(T0, Lease, 10, Me, default);

        await Store.MarkDispatchedAsync([claimed[0].Sequence, claimed[2].Sequence], T0, default);

        var later = await Store.ClaimOutboxAsync(T0.AddHours(1), Lease, 10, Me, default);
        later.Select(e => e.Type).Should().Equal("e2");
        (await Store.ReadEventsAsync(Tenant, Id(1), default)).Should().HaveCount(3, "dispatched events stay readable");
    }

    [Fact]
    public async Task ReadOutboxAfterAsync_PrefixAndSequence_ReturnsOnlyLaterEventsOfTheTenantInOrder()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [Event("sue.one", Id(1)), Event("other.two", Id(1)), Event("sue.three", Id(2))], [], []));
        await Commit(new ChangeSet([], [new OutboxEntry("kreis-b", "sue.elsewhere", Id(1), T0, Payload("b")), Event("sue.four", Id(1))], [], []));
        var all = await Store.ReadOutboxAfterAsync(Tenant, "sue.", 0, 10, default);

        var later = await Store.ReadOutboxAfterAsync(Tenant, "sue.", all[0].Sequence, 10, default);
        var limited = await Store.ReadOutboxAfterAsync(Tenant, "sue.", 0, 1, default);

        all.Select(e => e.Type).Should().Equal("sue.one", "sue.three", "sue.four");
        later.Select(e => e.Type).Should().Equal("sue.three", "sue.four");
        limited.Select(e => e.Type).Should().Equal("sue.one");
        (await Store.LastOutboxSequenceAsync(default)).Should().Be(all[^1].Sequence);
    }

    [Fact]
    public async Task LastOutboxSequenceAsync_Empty_IsZero()
    {
        (await Store.LastOutboxSequenceAsync(default)).Should().Be(0);
    }
}
