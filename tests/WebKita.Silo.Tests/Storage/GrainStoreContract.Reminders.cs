using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>The store's reminders: set and move, leased claims of due ones, earlier retries of failed firings, deletion on firing.</summary>
public abstract partial class GrainStoreContract
{
    [Fact]
    public async Task ClaimDueRemindersAsync_ClaimantDeclaredDead_ItsClaimTakenBeforeTheLeaseLapses()
    {
        var reminder = new Reminder(Key(1), "opens", T0);
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [reminder], []));
        (await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default)).Should().Equal(reminder);

        var whileAlive = await Store.ClaimDueRemindersAsync(T0.AddSeconds(5), Lease, 10, new Claimant("silo-b", ["silo-c"]), default);
        var onceDead = await Store.ClaimDueRemindersAsync(T0.AddSeconds(5), Lease, 10, new Claimant("silo-b", ["silo-c", Me.Name]), default);
        var fromTheTaker = await Store.ClaimDueRemindersAsync(T0.AddSeconds(6), Lease, 10, new Claimant("silo-c", [Me.Name]), default);

        whileAlive.Should().BeEmpty("a live claimant's lease holds");
        onceDead.Should().Equal(reminder);
        fromTheTaker.Should().BeEmpty("the claim is now silo-b's, which is alive");
    }

    [Fact]
    public async Task CommitAsync_SetReminderTwice_MovesIt()
    {
        var key = Key(1);
        await Commit(new ChangeSet([Write(key, 0, "a")], [], [new Reminder(key, "opens", T0), new Reminder(key, "closes", T0.AddDays(1))], []));

        await Commit(new ChangeSet([Write(key, 1, "b")], [], [new Reminder(key, "opens", T0.AddHours(2))], []));

        (await Store.ListRemindersAsync(key, default)).Should().Equal(
            new Reminder(key, "closes", T0.AddDays(1)),
            new Reminder(key, "opens", T0.AddHours(2)));
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_SomeDue_ClaimsOnlyDueOnes()
    {
        await Commit(new ChangeSet(
            [Write(Key(1), 0, "a"), Write(Key(2), 0, "b")], [],
            [new Reminder(Key(1), "late", T0.AddMinutes(10)), new Reminder(Key(2), "second", T0), new Reminder(Key(1), "first", T0.AddMinutes(-5))],
            []));

        var due = await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default);

        due.Should().BeEquivalentTo([new Reminder(Key(1), "first", T0.AddMinutes(-5)), new Reminder(Key(2), "second", T0)]);
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_MoreDueThanMax_ClaimsEarliestFirst()
    {
        await Commit(new ChangeSet(
            [Write(Key(1), 0, "a")], [],
            [new Reminder(Key(1), "c", T0.AddMinutes(-1)), new Reminder(Key(1), "a", T0.AddMinutes(-3)), new Reminder(Key(1), "b", T0.AddMinutes(-2))],
            []));

        var first = await Store.ClaimDueRemindersAsync(T0, Lease, 2, Me, default);
        var rest = await Store.ClaimDueRemindersAsync(T0, Lease, 2, Me, default);

        first.Select(r => r.Name).Should().BeEquivalentTo(["a", "b"]);
        rest.Select(r => r.Name).Should().Equal("c");
    }

    [Fact]
    public async Task ClaimDueRemindersAsync_Claimed_NotClaimedAgainUntilLeaseLapses()
    {
        var reminder = new Reminder(Key(1), "opens", T0);
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [reminder], []));
        var first = await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default);

        var duringLease = await Store.ClaimDueRemindersAsync(T0 + Lease - TimeSpan.FromSeconds(1), Lease, 10, Me, default);
        var afterLease = await Store.ClaimDueRemindersAsync(T0 + Lease, Lease, 10, Me, default);

        first.Should().Equal(reminder);
        duringLease.Should().BeEmpty();
        afterLease.Should().Equal(reminder);
    }

    [Fact]
    public async Task CommitAsync_FiredReminder_DeletesIt()
    {
        var reminder = new Reminder(Key(1), "opens", T0);
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [reminder, new Reminder(Key(1), "closes", T0.AddDays(1))], []));
        var claimed = await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default);

        await Commit(new ChangeSet([Write(Key(1), 1, "b")], [], [], [claimed.Single()]));

        (await Store.ListRemindersAsync(Key(1), default)).Select(r => r.Name).Should().Equal("closes");
        (await Store.ClaimDueRemindersAsync(T0.AddHours(1), Lease, 10, Me, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_FiredReminderMovedMeanwhile_KeepsTheMovedOne()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [new Reminder(Key(1), "opens", T0)], []));
        var claimed = (await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default)).Single();
        var moved = new Reminder(Key(1), "opens", T0.AddDays(2));
        await Commit(new ChangeSet([Write(Key(1), 1, "b")], [], [moved], []));

        await Commit(new ChangeSet([Write(Key(1), 2, "c")], [], [], [claimed]));

        (await Store.ListRemindersAsync(Key(1), default)).Should().Equal(moved);
        (await Store.ClaimDueRemindersAsync(T0.AddDays(2), Lease, 10, Me, default)).Should().Equal(moved);
    }

    [Fact]
    public async Task CommitAsync_ClaimedReminderMoved_ClaimableAgainAtNewTimeWithoutWaitingForLease()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [new Reminder(Key(1), "opens", T0)], []));
        await Store.ClaimDueRemindersAsync(T0, TimeSpan.FromDays(30), 10, Me, default);
        var moved = new Reminder(Key(1), "opens", T0.AddMinutes(1));

        await Commit(new ChangeSet([Write(Key(1), 1, "b")], [], [moved], []));

        (await Store.ClaimDueRemindersAsync(T0.AddMinutes(1), Lease, 10, Me, default)).Should().Equal(moved);
    }

    [Fact]
    public async Task RetryReminderAsync_ClaimedFiring_ClaimableAgainAtRetryTimeInsteadOfLease()
    {
        var reminder = new Reminder(Key(1), "opens", T0);
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [reminder], []));
        var claimed = (await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default)).Single();

        await Store.RetryReminderAsync(claimed, T0.AddSeconds(2), default);

        (await Store.ClaimDueRemindersAsync(T0.AddSeconds(2).AddTicks(-10), Lease, 10, Me, default)).Should().BeEmpty();
        (await Store.ClaimDueRemindersAsync(T0.AddSeconds(2), Lease, 10, Me, default)).Should().Equal(reminder);
    }

    [Fact]
    public async Task RetryReminderAsync_ReminderMovedAndClaimedMeanwhile_LeavesTheNewClaim()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [new Reminder(Key(1), "opens", T0)], []));
        var failed = (await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default)).Single();
        var moved = new Reminder(Key(1), "opens", T0.AddSeconds(1));
        await Commit(new ChangeSet([Write(Key(1), 1, "b")], [], [moved], []));
        (await Store.ClaimDueRemindersAsync(T0.AddSeconds(1), Lease, 10, Me, default)).Should().Equal(moved);

        await Store.RetryReminderAsync(failed, T0.AddSeconds(2), default);

        (await Store.ClaimDueRemindersAsync(T0.AddSeconds(2), Lease, 10, Me, default)).Should().BeEmpty();
        (await Store.ClaimDueRemindersAsync(T0.AddSeconds(1) + Lease, Lease, 10, Me, default)).Should().Equal(moved);
    }

    [Fact]
    public async Task RetryReminderAsync_LaterThanTheLeaseOrUnclaimed_NeverExtendsOrCreatesAClaim()
    {
        var claimedOne = new Reminder(Key(1), "claimed", T0);
        var unclaimed = new Reminder(Key(1), "unclaimed", T0.AddMinutes(1));
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [claimedOne, unclaimed], []));
        (await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default)).Should().Equal(claimedOne);

        await Store.RetryReminderAsync(claimedOne, T0.AddHours(1), default);
        await Store.RetryReminderAsync(unclaimed, T0.AddHours(1), default);

        (await Store.ClaimDueRemindersAsync(T0.AddMinutes(1), Lease, 10, Me, default)).Should().BeEquivalentTo([claimedOne, unclaimed]);
    }

    [Fact]
    public async Task RetryReminderAsync_FiredMeanwhile_DoesNotBringItBack()
    {
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [new Reminder(Key(1), "opens", T0)], []));
        var claimed = (await Store.ClaimDueRemindersAsync(T0, Lease, 10, Me, default)).Single();
        await Commit(new ChangeSet([Write(Key(1), 1, "b")], [], [], [claimed]));

        await Store.RetryReminderAsync(claimed, T0.AddSeconds(1), default);

        (await Store.ListRemindersAsync(Key(1), default)).Should().BeEmpty();
        (await Store.ClaimDueRemindersAsync(T0.AddSeconds(1), Lease, 10, Me, default)).Should().BeEmpty();
    }
}
