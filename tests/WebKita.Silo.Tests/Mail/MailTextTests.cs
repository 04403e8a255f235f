using WebKita.Grains.Common;
using WebKita.Silo.Mail;

namespace WebKita.Silo.Tests.Mail;

public sealed class MailTextTests
{
    private readonly UnsubscribeToken _tokens = new(new MailOptions { UnsubscribeKey = "schlüssel" });

    [Theory]
    [InlineData("2026-07-01T10:00:00Z", "Mittwoch, 1. Juli 2026, 12:00 Uhr")]
    [InlineData("2026-12-24T16:05:00Z", "Donnerstag, 24. Dezember 2026, 17:05 Uhr")]
    [InlineData("2026-03-29T01:00:00Z", "Sonntag, 29. März 2026, 03:00 Uhr")]
    public void Format_UtcInstant_BerlinLocalTimeInGerman(string utc, string expected) =>
        GermanTime.Format(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)).Should().Be(expected);

    [Fact]
    public void Read_TokenItIssued_SameRequest()
    {
        var request = new UnsubscribeRequest(new TenantId("mtk"), Guid.NewGuid(), MailTopic.OfferReminder);

        _tokens.Read(_tokens.Issue(request)).Should().Be(request);
    }

    [Fact]
    public void Read_TamperedOrForeignToken_Null()
    {
        var token = _tokens.Issue(new UnsubscribeRequest(new TenantId("mtk"), Guid.NewGuid(), MailTopic.OfferReminder));
        var otherKey = new UnsubscribeToken(new MailOptions { UnsubscribeKey = "anderer" });

        _tokens.Read(token[..^2] + (token[^2] == 'A' ? "BA" : "AA")).Should().BeNull();
        _tokens.Read(otherKey.Issue(new UnsubscribeRequest(new TenantId("mtk"), Guid.NewGuid(), MailTopic.OfferReminder))).Should().BeNull();
        _tokens.Read("kein-token").Should().BeNull();
        _tokens.Read(".").Should().BeNull();
    }

    [Fact]
    public void SwitchOff_MandatoryTopics_StayOn()
    {
        var preferences = MailPreferences.Default(new TenantId("mtk"), Guid.NewGuid())
            .SwitchOff([MailTopic.Offer, MailTopic.Confirmed, MailTopic.Rejected, MailTopic.OfferReminder]);

        preferences.Wants(MailTopic.Offer).Should().BeTrue();
        preferences.Wants(MailTopic.Rejected).Should().BeTrue();
        preferences.Wants(MailTopic.Confirmed).Should().BeTrue();
        preferences.Wants(MailTopic.OfferReminder).Should().BeFalse();
    }

    [Fact]
    public void Html_ValuesFromPeople_Encoded()
    {
        var content = FamilyTexts.Rejected("<script>", "A & B", "\"x\" <y>", new Uri("https://webkita.example/anmeldungen"), "Kreis");

        content.Html(null).Should().Contain("&lt;script&gt;").And.Contain("A &amp; B").And.Contain("&quot;x&quot; &lt;y&gt;").And.NotContain("<script>");
        content.Text(null).Should().Contain("<script>", "plain text stays as typed");
    }
}
