using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Applications;
using WebKita.Api.Mail;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Common;
using WebKita.Silo.Mail;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Testing.Smtp;

namespace WebKita.Api.Tests.Mail;

/// <summary>The api with mail configured for its tenant, sending to a real SMTP server on loopback from its background outbox.</summary>
public sealed class MailEndpointTests : IAsyncLifetime
{
    private static readonly TimeSpan MailArrives = TimeSpan.FromSeconds(60);

    private SmtpInbox _inbox = null!;
    private WebKitaApiFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _inbox = await SmtpInbox.StartAsync();
        var tenant = WebKitaClient.DefaultTenant;
        _factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string>
        {
            ["Mail:BaseUrl"] = "https://webkita.example",
            ["Mail:UnsubscribeKey"] = "api-test-key",
            [$"Mail:Tenants:{tenant}:Host"] = "127.0.0.1",
            [$"Mail:Tenants:{tenant}:Port"] = _inbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"Mail:Tenants:{tenant}:StartTls"] = "false",
            [$"Mail:Tenants:{tenant}:Sender"] = "webkita@test-kreis.example",
            [$"Mail:Tenants:{tenant}:CountyName"] = "Test-Kreis",
        });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _inbox.DisposeAsync();
    }

    [Fact]
    public async Task Reject_FamilyApplicationOverHttp_FamilyGetsTheRejectionMail()
    {
        using var family = await SignedInFamily.RegisterAsync(_factory, "Mailtest");
        var offering = await _factory.CreateOpenOfferingAsync(capacity: 1);
        var application = await family.ApplyAsync(offering.Id);
        using var admin = await _factory.CreateAdminClientAsync();

        using var rejected = await admin.Http.PostAsJsonAsync($"{admin.Tenant}/applications/{application.Id}/reject", new RejectionRequest("Keine Betreuung in Klasse 2"));
        rejected.StatusCode.Should().Be(HttpStatusCode.OK);

        var mail = (await _inbox.WaitForAsync(1, MailArrives)).Should().ContainSingle().Subject;
        mail.To.Mailboxes.Single().Address.Should().Be(family.Credentials.Email);
        mail.Subject.Should().Be("Anmeldung abgelehnt: Mia, Nachmittagsbetreuung");
        mail.TextBody.Should().Contain("Begründung: Keine Betreuung in Klasse 2").And.Contain("Test-Kreis").And.NotContain("Mailtest");
    }

    [Fact]
    public async Task ChangePreferences_OptionalAndMandatoryTopics_OptionalStoredMandatoryRefused()
    {
        using var family = await SignedInFamily.RegisterAsync(_factory, "Vorlieben");

        using var changed = await family.Client.Http.PutAsJsonAsync($"{family.Client.Tenant}/me/mail-preferences", new { off = new[] { "OfferReminder" } });
        var preferences = await WebKitaClient.ReadAsync<MailPreferencesResponse>(changed, HttpStatusCode.OK);
        using var refused = await family.Client.Http.PutAsJsonAsync($"{family.Client.Tenant}/me/mail-preferences", new { off = new[] { "Offer" } });
        using var read = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/mail-preferences");

        preferences.Off.Should().Equal(MailTopic.OfferReminder);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("request.invalid").And.Contain("Offer cannot be switched off");
        (await WebKitaClient.ReadAsync<MailPreferencesResponse>(read, HttpStatusCode.OK)).Off.Should().Equal(MailTopic.OfferReminder);
    }

    [Fact]
    public async Task Unsubscribe_SignedLinkWithoutSignIn_GetChangesNothingPostSwitchesTheTopicOff()
    {
        using var family = await SignedInFamily.RegisterAsync(_factory, "Abmeldung");
        var tokens = _factory.Services.GetRequiredService<UnsubscribeToken>();
        var token = Uri.EscapeDataString(tokens.Issue(new UnsubscribeRequest(new TenantId(WebKitaClient.DefaultTenant), family.Account.Id, MailTopic.WaitlistMovedUp)));
        using var anonymous = _factory.CreateApiClient();

        using var page = await anonymous.Http.GetAsync($"{anonymous.Tenant}/mail/unsubscribe?token={token}");
        var html = await page.Content.ReadAsStringAsync();
        var before = await PreferencesAsync(family);
        using var done = await anonymous.Http.PostAsync($"{anonymous.Tenant}/mail/unsubscribe?token={token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        using var forged = await anonymous.Http.PostAsync($"{anonymous.Tenant}/mail/unsubscribe?token={token[..^4]}", null);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("<html lang=\"de\">").And.Contain("Veränderungen auf der Warteliste").And.Contain("method=\"post\"");
        before.Off.Should().BeEmpty("opening the link changes nothing");
        done.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PreferencesAsync(family)).Off.Should().Equal(MailTopic.WaitlistMovedUp);
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadAsStringAsync()).Should().Contain("unsubscribe.invalid");
    }

    [Fact]
    public async Task Dead_CountyAdmin_SeesMailsGivenUpWithoutTheirText()
    {
        var store = _factory.Services.GetRequiredService<IGrainStore>();
        var tenant = new TenantId(WebKitaClient.DefaultTenant);
        var at = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        var dead = new MailNotification(
            tenant, Guid.NewGuid(), MailTopic.Offer, Guid.NewGuid(), "weg@example.org", "Platzangebot für Mia: Hort", "geheim", "<p>geheim</p>",
            "abc@test-kreis.example", null, at, MailNotification.Dead, 1, at, "MailRefusedException: 550 mailbox unavailable");
        await store.CommitAsync(
            new ChangeSet([new GrainWrite(MailQueue.Key(tenant, dead.Id), 0, GrainJson.Serialize(dead), MailNotification.StatusParent(MailNotification.Dead))], [], [], []),
            default);
        using var admin = await _factory.CreateAdminClientAsync();

        using var response = await admin.Http.GetAsync($"{admin.Tenant}/mail/dead");
        var body = await response.Content.ReadAsStringAsync();

        (await WebKitaClient.ReadAsync<DeadMailResponse[]>(response, HttpStatusCode.OK)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { dead.Id, To = "weg@example.org", Attempts = 1, LastError = "MailRefusedException: 550 mailbox unavailable" });
        body.Should().NotContain("geheim");
    }

    private static async Task<MailPreferencesResponse> PreferencesAsync(SignedInFamily family)
    {
        using var response = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/mail-preferences");
        return await WebKitaClient.ReadAsync<MailPreferencesResponse>(response, HttpStatusCode.OK);
    }
}
