using System.Globalization;
using System.Text.Json;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Silo.Accounts;
using WebKita.Silo.Buildings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Decides which facility managers an alert mails: those of the building, whose chosen severity it
/// reaches. A ticket an alarm filed is not mailed again: the alarm's mail already said it.
/// </summary>
public sealed class FacilityMails(AccountDirectory accounts, BuildingDirectory buildings, MailPreferenceBook preferences, MailLinks links)
{
    public async Task<IReadOnlyList<MailDraft>> ForEventAsync(OutboxEntry entry, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        var topic = entry.Type switch
        {
            "sue.ticket.opened" or "sue.alarm.raised" or "sue.alarm.severity_raised" => entry.Type.StartsWith("sue.ticket", StringComparison.Ordinal) ? MailTopic.Ticket : MailTopic.Alarm,
            "sue.ticket.escalated" or "sue.alarm.escalated" => MailTopic.Escalation,
            _ => (MailTopic?)null,
        };
        if (topic is not { } about)
        {
            return [];
        }

        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(entry.Payload, GrainJson.Options)!;
        if (about == MailTopic.Ticket && data.GetValueOrDefault("source") == "alarm")
        {
            return [];
        }

        var tenant = new TenantId(entry.Tenant);
        var buildingId = Guid.Parse(data["buildingId"]);
        var severity = Enum.Parse<Severity>(data["severity"]);
        var building = await buildings.FindAsync(tenant, buildingId, cancellationToken);
        var place = (building?.Name ?? "Gebäude") + (data.GetValueOrDefault("room") is { Length: > 0 } room ? $", Raum {room}" : "");
        var content = Content(entry.Type, data, severity, place, settings.CountyName);

        var drafts = new List<MailDraft>();
        foreach (var manager in (await accounts.ListAsync(tenant, cancellationToken))
            .Where(a => a is { Role: Role.FacilityManager, IsDeleted: false } && a.Buildings.Contains(buildingId)))
        {
            if ((await preferences.ReadAsync(tenant, manager.Id, cancellationToken)).Wants(about, severity))
            {
                drafts.Add(new MailDraft(FamilyMails.EventOccasion(entry), about, manager.Id, manager.Email, content));
            }
        }

        return drafts;
    }

    private MailContent Content(string type, Dictionary<string, string> data, Severity severity, string place, string county)
    {
        var level = int.Parse(data.GetValueOrDefault("escalationLevel") ?? "0", CultureInfo.InvariantCulture);
        if (type.StartsWith("sue.ticket", StringComparison.Ordinal))
        {
            var number = int.Parse(data["number"], CultureInfo.InvariantCulture);
            return type == "sue.ticket.escalated"
                ? FacilityTexts.TicketEscalated(number, level, severity, place, links.Ticket(number), county)
                : FacilityTexts.Ticket(number, DefectCategories.TryParse(data["category"], out var category) ? category : DefectCategory.Other, severity, place, links.Ticket(number), county);
        }

        return type == "sue.alarm.escalated"
            ? FacilityTexts.AlarmEscalated(data["alarmType"], level, severity, place, links.AlarmsPage(), county)
            : FacilityTexts.Alarm(data["alarmType"], data["deviceId"], data.GetValueOrDefault("value"), severity, place, links.AlarmsPage(), county);
    }
}
