using WebKita.Grains.Alerts;
using WebKita.Grains.Common;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Alerts;

public sealed class WebhookGrainTests : GrainClusterTest
{
    private static readonly Uri Receiver = new("https://leitstelle.example/hooks/webkita");

    [Fact]
    public async Task CreateAsync_NewWebhook_IsListedWithItsSealedSecretAndAuditedOnce()
    {
        var id = Guid.NewGuid();

        var created = await Webhook(id).CreateAsync(Receiver, "dp1:sealed-a", ["sue.ticket."], Admin);

        created.Value!.Should().Match<Webhook>(w => w.Id == id && w.Url == Receiver && w.Secret == "dp1:sealed-a" && w.Tenant == new TenantId(Tenant));
        created.Value!.EventTypes.Should().Equal("sue.ticket.");
        (await Listed()).Should().ContainSingle().Which.Should().BeEquivalentTo(created.Value);
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle().Which.Should().Match<AuditEntry>(a =>
            a.Action == "CreateWebhook" && a.SubjectKind == "webhook" && a.SubjectId == id && a.ActorId == Admin.AccountId && a.ActorRole == "CountyAdmin");
    }

    [Fact]
    public async Task CreateAsync_Repeated_RefusesWithExistsAndKeepsTheFirstSecret()
    {
        var id = Guid.NewGuid();
        await Webhook(id).CreateAsync(Receiver, "dp1:first", [], Admin);

        var again = await Webhook(id).CreateAsync(new Uri("https://other.example/"), "dp1:second", [], Admin);

        again.Refusal!.Code.Should().Be("webhook.exists");
        (await Webhook(id).FindAsync())!.Secret.Should().Be("dp1:first");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(1);
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().ContainSingle();
    }

    [Fact]
    public async Task CreateAsync_FtpUrlAndForeignEventType_RefusesNamingBothFieldsAndStoresNothing()
    {
        var id = Guid.NewGuid();

        var refused = await Webhook(id).CreateAsync(new Uri("ftp://leitstelle.example/"), "dp1:sealed", ["sue.ticket.", "mail.sent"], Admin);

        refused.Refusal!.Code.Should().Be("webhook.invalid");
        refused.Refusal.Fields!.Select(f => f.Field).Should().Equal("url", "eventTypes");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None)).Should().BeNull();
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Should().BeEmpty();
    }

    [Fact]
    public async Task ResealAsync_AfterDeactivation_StoresTheNewSealAsVersion2AndAuditsNothingMore()
    {
        var id = Guid.NewGuid();
        await Webhook(id).CreateAsync(Receiver, "dp1:old-key", ["sue."], Admin);
        await Cluster.Cluster.DeactivateAsync(Webhook(id));

        var resealed = await Webhook(id).ResealAsync("dp1:old-key", "dp1:new-key");

        resealed.Value!.Secret.Should().Be("dp1:new-key");
        resealed.Value.EventTypes.Should().Equal("sue.");
        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(2);
        GrainJson.Deserialize<Webhook>(row.State).Should().BeEquivalentTo(resealed.Value);
        (await Cluster.Store.ReadAuditAsync(Tenant, null, 10, CancellationToken.None)).Select(a => a.Action).Should().Equal("CreateWebhook");
    }

    [Fact]
    public async Task ResealAsync_SecretWrittenSinceItWasRead_RefusesAndKeepsTheStoredSecret()
    {
        var id = Guid.NewGuid();
        await Webhook(id).CreateAsync(Receiver, "dp1:sealed-by-another-process", [], Admin);

        var refused = await Webhook(id).ResealAsync("plain-secret-read-before", "dp1:sealed-here");

        refused.Refusal!.Code.Should().Be("webhook.secret_changed");
        (await Webhook(id).FindAsync())!.Secret.Should().Be("dp1:sealed-by-another-process");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task ResealAsync_PlainRowStoredBeforeOrleans_AdoptsTheRowAndSealsIt()
    {
        var id = Guid.NewGuid();
        var old = new Webhook(new TenantId(Tenant), id, Receiver, "plain-secret-from-before-encryption", ["sue.ticket."], DateTimeOffset.Parse("2026-01-05T09:00:00Z"));
        await Cluster.Store.CommitAsync(new ChangeSet([new GrainWrite(Key(id), 0, GrainJson.Serialize(old))], [], [], []), CancellationToken.None);

        (await Webhook(id).FindAsync()).Should().BeEquivalentTo(old);
        var resealed = await Webhook(id).ResealAsync(old.Secret, "dp1:sealed");

        resealed.Value.Should().BeEquivalentTo(old with { Secret = "dp1:sealed" });
        var row = await Cluster.Store.ReadAsync(Key(id), CancellationToken.None);
        row!.Version.Should().Be(2);
        row.State.Should().NotContain(old.Secret);
    }

    [Fact]
    public async Task ResealAsync_StorageFails_ThrowsAndTheReloadedGrainKeepsTheOldSecret()
    {
        var id = Guid.NewGuid();
        await Webhook(id).CreateAsync(Receiver, "dp1:old-key", [], Admin);
        Cluster.Gate.Close();

        var resealing = Webhook(id).ResealAsync("dp1:old-key", "dp1:new-key");
        await Eventually.UntilAsync(() => Task.FromResult(Cluster.Gate.Held == 1));
        Cluster.Gate.FailHeldWrites(new IOException("disk gone"));

        await resealing.Invoking(r => r).Should().ThrowAsync<OrleansException>().WithMessage("*disk gone*");
        await Cluster.Cluster.WaitForDeactivationAsync(Webhook(id));
        (await Webhook(id).FindAsync())!.Secret.Should().Be("dp1:old-key");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None))!.Version.Should().Be(1);
    }

    [Fact]
    public async Task ResealAsync_UnknownWebhook_RefusesAndStoresNothing()
    {
        var id = Guid.NewGuid();

        var refused = await Webhook(id).ResealAsync("dp1:a", "dp1:b");

        refused.Refusal!.Code.Should().Be("webhook.not_found");
        (await Cluster.Store.ReadAsync(Key(id), CancellationToken.None)).Should().BeNull();
    }

    private IWebhookGrain Webhook(Guid id) => Cluster.Grains.GetGrain<IWebhookGrain>(id, Tenant);

    private Task<IReadOnlyList<Webhook>> Listed() =>
        new StoreReadModel<Webhook>(Cluster.Store, GrainKinds.Webhook).ListAsync(new TenantId(Tenant), CancellationToken.None);

    private static GrainKey Key(Guid id) => new(Tenant, GrainKinds.Webhook, id);
}
