using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using WebKita.Api.Tests.Support;
using WebKita.Api.Webhooks;
using WebKita.Grains.Alerts;
using WebKita.Silo;
using WebKita.Silo.Alerts;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>Webhook secrets at rest: sealed with the Data Protection key ring in a folder outside the database, rotated without downtime.</summary>
public sealed class WebhookSecretTests
{
    [Fact]
    public async Task Register_Secret_SealedInTheStoreAbsentFromAnswersAndStillSigns()
    {
        await using var webhooks = await WebhookApi.StartAsync();
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var webhook = await webhooks.RegisterAsync(receiver.Url);

        var stored = await StoredSecretAsync(webhooks, webhook.Id);
        stored.Should().StartWith("dp1:").And.NotContain(webhook.Secret!);
        (await RawRowAsync(webhooks, webhook.Id)).Should().NotContain(webhook.Secret!);

        await webhooks.ReportAsync("secret:1");
        await webhooks.DispatchAsync();
        (await webhooks.FireAsync()).Should().Be(1);
        SignedWith(receiver.Calls.Should().ContainSingle().Subject, webhook.Secret!).Should().BeTrue();
        await webhooks.SignInAgainAsync();
        (await webhooks.Admin.Http.GetStringAsync($"{webhooks.Admin.Tenant}/webhooks/{webhook.Id}/deliveries")).Should().NotContain(webhook.Secret!);
    }

    [Fact]
    public async Task RollKey_OldSecretSignsNewWritesUseNewKey_OldKeyRevocableAfterSealing()
    {
        var keyPath = Directory.CreateTempSubdirectory("webkita-keys-").FullName;
        await using var webhooks = await WebhookApi.StartAsync(new Dictionary<string, string> { ["DataProtection:KeyPath"] = keyPath });
        using var before = new WebhookReceiver(HttpStatusCode.OK);
        using var after = new WebhookReceiver(HttpStatusCode.OK);
        var old = await webhooks.RegisterAsync(before.Url);
        var keys = webhooks.Service<IKeyManager>();
        var oldKey = KeyOf(await StoredSecretAsync(webhooks, old.Id));
        keys.GetAllKeys().Select(k => k.KeyId).Should().Equal([oldKey], "the first key is made on first use, in the configured folder");
        Directory.GetFiles(keyPath, "key-*.xml").Should().ContainSingle();

        // Roll: a new key becomes the default; the old one stays in the ring for opening.
        var newKey = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90)).KeyId;
        await DefaultKeyBecomesAsync(webhooks, newKey);
        var fresh = await webhooks.RegisterAsync(after.Url);
        KeyOf(await StoredSecretAsync(webhooks, fresh.Id)).Should().Be(newKey, "new writes use the new default key");
        KeyOf(await StoredSecretAsync(webhooks, old.Id)).Should().Be(oldKey);
        await DeliverOneTicketAsync(webhooks);
        SignedWith(before.Calls.Should().ContainSingle().Subject, old.Secret!).Should().BeTrue("the old key still opens the old secret");
        SignedWith(after.Calls.Should().ContainSingle().Subject, fresh.Secret!).Should().BeTrue();

        // Sealing again (what every start does) moves the old secret to the new key; then the old key may go.
        (await webhooks.Service<WebhookRegistry>().SealStoredSecretsAsync(WebhookApi.Tenant, default)).Should().Be((1, 0));
        KeyOf(await StoredSecretAsync(webhooks, old.Id)).Should().Be(newKey);
        keys.RevokeKey(oldKey, "rotated");
        await DeliverOneTicketAsync(webhooks);
        SignedWith(before.Calls.Last(), old.Secret!).Should().BeTrue("the secret survived the old key's revocation");
        SignedWith(after.Calls.Last(), fresh.Secret!).Should().BeTrue();
        before.Calls.Should().HaveCount(2);
        after.Calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task RevokeKeyBeforeSealing_DeliveryFailsAsAnAttemptNamingTheKey()
    {
        var keyPath = Directory.CreateTempSubdirectory("webkita-keys-").FullName;
        await using var webhooks = await WebhookApi.StartAsync(new Dictionary<string, string> { ["DataProtection:KeyPath"] = keyPath });
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var webhook = await webhooks.RegisterAsync(receiver.Url);
        var keys = webhooks.Service<IKeyManager>();
        var stored = await StoredSecretAsync(webhooks, webhook.Id);
        keys.RevokeKey(KeyOf(stored), "revoked before the secrets were sealed anew");
        await KeyRingShowsAsync(() => !Opens(webhooks, stored));

        await DeliverOneTicketAsync(webhooks);

        receiver.Calls.Should().BeEmpty();
        (await webhooks.Service<WebhookRegistry>().SealStoredSecretsAsync(WebhookApi.Tenant, default)).Should().Be((0, 1), "an unreadable secret is counted, never sealed as empty");
        (await webhooks.DeliveriesAsync(webhook.Id)).Should().ContainSingle().Which.Should().BeEquivalentTo(
            new { Status = WebhookDelivery.Pending, Attempts = 1, LastError = "The webhook's secret cannot be opened (its key was revoked or is missing)." });
    }

    [Fact]
    public async Task PlainSecretFromEarlierVersion_SignsThenSealedAtStart()
    {
        await using var webhooks = await WebhookApi.StartAsync();
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        const string plain = "secret-of-a-webhook-registered-before-encryption";
        var legacy = new Webhook(WebhookApi.Tenant, Guid.NewGuid(), receiver.Url, plain, ["sue.ticket."], webhooks.Time.GetUtcNow());
        await webhooks.Service<IGrainStore>().CommitAsync(
            new ChangeSet([new GrainWrite(WebhookRegistry.Key(WebhookApi.Tenant, legacy.Id), 0, GrainJson.Serialize(legacy))], [], [], []), default);

        await DeliverOneTicketAsync(webhooks);
        SignedWith(receiver.Calls.Should().ContainSingle().Subject, plain).Should().BeTrue("a plain row keeps working before it is sealed");

        await webhooks.Service<IEnumerable<IHostedService>>().OfType<WebhookSecretSealing>().Single().StartAsync(default);
        (await RawRowAsync(webhooks, legacy.Id)).Should().NotContain(plain);
        (await StoredSecretAsync(webhooks, legacy.Id)).Should().StartWith("dp1:");
        await DeliverOneTicketAsync(webhooks);
        SignedWith(receiver.Calls.Last(), plain).Should().BeTrue();
        receiver.Calls.Should().HaveCount(2);
    }

    [Fact]
    public async Task SealAtStart_RowWrittenAroundTheGrainByAnEarlierVersion_LeftAsItIsWithAWarning()
    {
        await using var webhooks = await WebhookApi.StartAsync();
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var webhook = await webhooks.RegisterAsync(receiver.Url);
        var store = webhooks.Service<IGrainStore>();
        var key = WebhookRegistry.Key(WebhookApi.Tenant, webhook.Id);
        var published = (await store.ReadAsync(key, default))!;
        var aroundTheGrain = GrainJson.Deserialize<Webhook>(published.State) with { Secret = webhook.Secret! };
        await store.CommitAsync(new ChangeSet([new GrainWrite(key, published.Version, GrainJson.Serialize(aroundTheGrain))], [], [], []), default);
        var logger = new CollectingLogger<WebhookRegistry>();
        var registry = new WebhookRegistry(
            webhooks.Service<IGrainFactory>(), webhooks.Service<StoreReadModel<Webhook>>(), store, webhooks.Service<WebhookSecrets>(),
            webhooks.Service<SiloOptions>(), logger);

        (await registry.SealStoredSecretsAsync(WebhookApi.Tenant, default)).Should().Be((0, 0));

        var row = (await store.ReadAsync(key, default))!;
        row.Version.Should().Be(published.Version + 1);
        GrainJson.Deserialize<Webhook>(row.State).Should().BeEquivalentTo(aroundTheGrain);
        logger.Warnings.Should().ContainSingle().Which.Should().Contain(webhook.Id.ToString()).And.Contain("earlier version");
        await DeliverOneTicketAsync(webhooks);
        SignedWith(receiver.Calls.Should().ContainSingle().Subject, webhook.Secret!).Should().BeTrue("the row the earlier version wrote keeps working");
    }

    private static async Task DeliverOneTicketAsync(WebhookApi webhooks)
    {
        await webhooks.ReportAsync("secret:" + Guid.NewGuid());
        await webhooks.DispatchAsync();
        await webhooks.FireAsync();
    }

    private static bool SignedWith((IReadOnlyDictionary<string, string> Headers, byte[] Body) call, string secret) =>
        call.Headers[WebhookSender.SignatureHeader] == "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), call.Body));

    private static async Task<string> RawRowAsync(WebhookApi webhooks, Guid id) =>
        (await webhooks.Service<IGrainStore>().ReadAsync(WebhookRegistry.Key(WebhookApi.Tenant, id), default))!.State;

    private static async Task<string> StoredSecretAsync(WebhookApi webhooks, Guid id) =>
        JsonDocument.Parse(await RawRowAsync(webhooks, id)).RootElement.GetProperty("secret").GetString()!;

    private static Task DefaultKeyBecomesAsync(WebhookApi webhooks, Guid key)
    {
        var probe = webhooks.Service<IDataProtectionProvider>().CreateProtector("test.probe");
        return KeyRingShowsAsync(() => KeyOf("dp1:" + WebEncoders.Base64UrlEncode(probe.Protect([1]))) == key);
    }

    private static bool Opens(WebhookApi webhooks, string stored)
    {
        try
        {
            webhooks.Service<WebhookSecrets>().Open(stored);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Data Protection refreshes its cached key ring in the background after a key is added or
    /// revoked, and serves the old ring until that refresh lands; there is no event to await, so
    /// probe until the ring shows the change (within seconds, or fail).
    /// </summary>
    private static async Task KeyRingShowsAsync(Func<bool> change)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!change())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    /// <summary>The key a sealed value names: Data Protection payloads start with a 4-byte magic header and the 16-byte key id.</summary>
    private static Guid KeyOf(string stored) => new(WebEncoders.Base64UrlDecode(stored["dp1:".Length..]).AsSpan(4, 16));
}
