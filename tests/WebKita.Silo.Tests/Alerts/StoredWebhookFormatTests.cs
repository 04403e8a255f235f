using WebKita.Grains.Alerts;
using WebKita.Grains.Common;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Tests.Alerts;

/// <summary>Webhook rows written before webhooks moved into Orleans grains read as they did: their JSON is the read model's and the grain's adopted state.</summary>
public sealed class StoredWebhookFormatTests
{
    private const string StoredBeforeOrleans = """
        {"tenant":"kreis-silo","id":"3e600000-0000-4000-8000-0000000000aa","url":"https://leitstelle.example/hooks/webkita",
         "secret":"dp1:CfDJ8sealed","eventTypes":["sue.ticket.","sue.alarm."],"createdAt":"2026-01-05T09:00:00+00:00"}
        """;

    [Fact]
    public void Deserialize_RowStoredBeforeOrleans_ReadsEveryField()
    {
        var webhook = GrainJson.Deserialize<Webhook>(StoredBeforeOrleans);

        webhook.Should().BeEquivalentTo(new Webhook(
            new TenantId("kreis-silo"), Guid.Parse("3e600000-0000-4000-8000-0000000000aa"), new Uri("https://leitstelle.example/hooks/webkita"),
            "dp1:CfDJ8sealed", ["sue.ticket.", "sue.alarm."], DateTimeOffset.Parse("2026-01-05T09:00:00+00:00")));
        webhook.Wants("sue.alarm.raised").Should().BeTrue();
    }

    [Fact]
    public void Serialize_Webhook_WritesTheNamesEarlierVersionsRead()
    {
        var webhook = GrainJson.Deserialize<Webhook>(StoredBeforeOrleans);

        GrainJson.Serialize(webhook).Should().Be(string.Concat(StoredBeforeOrleans.Split('\n').Select(l => l.Trim())));
    }
}
