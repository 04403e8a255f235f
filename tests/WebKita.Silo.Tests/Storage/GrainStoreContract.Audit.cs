using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>The store's audit log: every entry of a commit, whole and in the order given.</summary>
public abstract partial class GrainStoreContract
{
    [Fact]
    public async Task ReadAuditAsync_EntriesOfOneCommit_ReturnsEachWholeNewestFirst()
    {
        var staff = Guid.NewGuid();
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [], [], [
            new AuditEntry(Tenant, staff, "staff", "application.confirmed", Kind, Id(1), null, T0, Payload("first")),
            new AuditEntry(Tenant, staff, "staff", "application.rejected", Kind, Id(2), "Keine Plätze", T0.AddSeconds(1), Payload("second")),
        ]));

        var log = await Store.ReadAuditAsync(Tenant, null, 10, default);

        log.Select(e => e.Action).Should().Equal("application.rejected", "application.confirmed");
        log[0].Should().BeEquivalentTo(new { Tenant, ActorId = staff, ActorRole = "staff", SubjectKind = Kind, SubjectId = Id(2), Reason = "Keine Plätze", At = T0.AddSeconds(1) });
        log[1].Reason.Should().BeNull();
        Value(log[0].Details).Should().Be("second");
        log[0].Sequence.Should().BeGreaterThan(log[1].Sequence);
    }

    [Fact]
    public async Task ReadAuditAsync_MoreEntriesThanOneStatementTakes_KeepsThemAllInOrder()
    {
        var entries = Enumerable.Range(1, 2_500)
            .Select(n => new AuditEntry(Tenant, Guid.Empty, "staff", $"a{n}", Kind, Id(1), null, T0, Payload($"{n}")))
            .ToList();
        await Commit(new ChangeSet([Write(Key(1), 0, "a")], [], [], [], entries));

        var log = await Store.ReadAuditAsync(Tenant, null, 3_000, default);

        log.Select(e => e.Action).Should().Equal(Enumerable.Range(1, 2_500).Reverse().Select(n => $"a{n}"));
    }
}
