using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Accounts;

public sealed class AccountGrainTests : GrainClusterTest
{
    [Fact]
    public async Task OpenAsync_ByAdmin_IsPublishedAndAuditedOnce_AndARepeatIsRefused()
    {
        var id = Guid.NewGuid();

        var opened = await Account(id).OpenAsync(" Staff@Schule.Example ", "hash-1", Role.SchoolStaff, "Frau Schneider", [Guid.NewGuid()], [], Admin);
        var again = await Account(id).OpenAsync("staff@schule.example", "hash-2", Role.Family, "Someone", [], [], Admin);

        opened.Value!.Email.Should().Be("staff@schule.example");
        again.Refusal!.Code.Should().Be("account.exists");
        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(1);
        GrainJson.Deserialize<Account>(row.State).PasswordHash.Should().Be("hash-1");
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle()
            .Which.Should().Match<AuditEntry>(a => a.Action == "OpenSchoolStaffAccount" && a.SubjectKind == "account" && a.SubjectId == id);
    }

    [Fact]
    public async Task RecordSignInAsync_FiveWrongPasswords_LocksOutEvenTheRightOne()
    {
        var id = await OpenFamilyAsync();

        for (var i = 0; i < Grains.Accounts.Account.MaxFailedSignIns - 1; i++)
        {
            (await Account(id).RecordSignInAsync("hash-1", passwordMatched: false))!.Result.Should().Be(SignInResult.Refused);
        }

        (await Account(id).RecordSignInAsync("hash-1", passwordMatched: false))!.Result.Should().Be(SignInResult.LockedOut);
        (await Account(id).RecordSignInAsync("hash-1", passwordMatched: true))!.Result.Should().Be(SignInResult.LockedOut);
    }

    [Fact]
    public async Task RecordSignInAsync_CheckedAgainstAnOldHash_AppliesNothingAndAsksForAnotherCheck()
    {
        var id = await OpenFamilyAsync();
        await Account(id).ChangePasswordAsync("hash-2", null);

        var attempt = await Account(id).RecordSignInAsync("hash-1", passwordMatched: false);

        attempt.Should().BeNull();
        (await Account(id).FindAsync())!.FailedSignIns.Should().Be(0);
    }

    [Fact]
    public async Task RecordSignInAsync_RightPasswordWithNothingToReset_WritesNothing()
    {
        var id = await OpenFamilyAsync();

        var attempt = await Account(id).RecordSignInAsync("hash-1", passwordMatched: true);

        attempt!.Result.Should().Be(SignInResult.SignedIn);
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task RecordSignInAsync_NoAccount_IsRefusedAndStoresNothing()
    {
        var id = Guid.NewGuid();

        (await Account(id).RecordSignInAsync("", passwordMatched: false)).Should().Be(new SignInAttempt(null, SignInResult.Refused));
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task ChangePasswordAsync_CurrentPasswordCheckedAgainstAnOldHash_IsRefusedAsWrong()
    {
        var id = await OpenFamilyAsync();
        await Account(id).ChangePasswordAsync("hash-2", "hash-1");

        var stale = await Account(id).ChangePasswordAsync("hash-3", "hash-1");

        stale.Refusal!.Code.Should().Be("account.password_wrong");
        var account = await Account(id).FindAsync();
        account!.PasswordHash.Should().Be("hash-2");
        account.SessionGeneration.Should().Be(1);
    }

    [Fact]
    public async Task EndSessionAsync_AfterDeactivation_TheEndedSessionAndGenerationAreStillThere()
    {
        var id = await OpenFamilyAsync();
        var session = Guid.NewGuid();
        await Account(id).EndSessionAsync(session);
        await Account(id).EndSessionAsync(null);
        await Account(id).EndSessionAsync(session);
        await Cluster.Cluster.DeactivateAsync(Account(id));

        var account = await Account(id).FindAsync();

        account!.SessionGeneration.Should().Be(1);
        account.EndedSessions.Should().Equal(session);
        GrainJson.Deserialize<Account>((await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.State).Should().BeEquivalentTo(account);
    }

    [Fact]
    public async Task ReplaceFamilyAsync_UnknownChildId_GetsTheFreshIdAndAKnownOneIsKept()
    {
        var id = await OpenFamilyAsync();
        var known = new FamilyChild(Guid.NewGuid(), "Mia", "Becker", new DateOnly(2018, 4, 1));
        await Account(id).AddChildAsync(known);
        var foreign = known with { Id = Guid.NewGuid(), FirstName = "Ben" };
        var fresh = Guid.NewGuid();

        var replaced = await Account(id).ReplaceFamilyAsync([new Guardian("Anna", "Becker", null)], [known, foreign], [Guid.NewGuid(), fresh]);

        replaced.Value!.Children.Select(c => c.Id).Should().Equal(known.Id, fresh);
        replaced.Value.Guardians.Should().ContainSingle();
    }

    [Fact]
    public async Task EraseAsync_Erased_RefusesFurtherChangesAndTheEmailMayOpenAgain()
    {
        var id = await OpenFamilyAsync();

        var erased = await Account(id).EraseAsync();
        var afterwards = await Account(id).AddGuardianAsync(new Guardian("Anna", "Becker", null));
        var reopened = await Account(id).OpenAsync("familie@example.org", "hash-9", Role.Family, "Familie Neu", [], [], null);

        erased.Value!.IsDeleted.Should().BeTrue();
        erased.Value.SessionGeneration.Should().Be(1);
        afterwards.Refusal!.Code.Should().Be("account.not_found");
        reopened.Value!.DisplayName.Should().Be("Familie Neu");
    }

    [Fact]
    public async Task FindAsync_AccountStoredByTheRuntimeBeforeOrleans_AdoptsTheRowWithItsSessions()
    {
        var id = Guid.NewGuid();
        var old = Grains.Accounts.Account.Open(new TenantId(Tenant), id, "alt@example.org", "hash-old", Role.Family, "Alt", [], [], DateTimeOffset.UnixEpoch)
            .Value!.ChangePassword("hash-1").EndSession(Guid.NewGuid());
        await Cluster.Store.CommitAsync(new ChangeSet([new GrainWrite(Key(id), 0, GrainJson.Serialize(old))], [], [], []), CancellationToken.None);

        (await Account(id).FindAsync()).Should().BeEquivalentTo(old);
        await Account(id).EndSessionAsync(null);

        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(2);
    }

    private async Task<Guid> OpenFamilyAsync()
    {
        var id = Guid.NewGuid();
        (await Account(id).OpenAsync("familie@example.org", "hash-1", Role.Family, "Familie Becker", [], [], null)).Refusal.Should().BeNull();
        return id;
    }

    private IAccountGrain Account(Guid id) => Cluster.Grains.GetGrain<IAccountGrain>(id, Tenant);

    private static GrainKey Key(Guid id) => new(Tenant, GrainKinds.Account, id);
}
