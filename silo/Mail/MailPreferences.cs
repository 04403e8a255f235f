using System.Collections.Immutable;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;

namespace WebKita.Silo.Mail;

/// <summary>
/// What an account wants to be mailed. Everything is on until switched off; only optional topics
/// (<see cref="MailTopics.IsOptional"/>) can be, so a family never loses the offer itself.
/// A facility manager gets alerts of <see cref="AlertsFrom"/> and worse.
/// </summary>
public sealed record MailPreferences(TenantId Tenant, Guid AccountId, ImmutableSortedSet<MailTopic> Off, Severity AlertsFrom)
{
    public static MailPreferences Default(TenantId tenant, Guid accountId) => new(tenant, accountId, [], Severity.Warning);

    public bool Wants(MailTopic topic, Severity? severity = null) =>
        !(topic.IsOptional() && Off.Contains(topic)) && (severity is null || !MailTopics.Alerts.Contains(topic) || severity >= AlertsFrom);

    /// <summary>Switches the given topics off; mandatory ones stay on whatever is asked.</summary>
    public MailPreferences SwitchOff(IEnumerable<MailTopic> topics) => this with { Off = Off.Union(topics.Where(t => t.IsOptional())) };

    public MailPreferences Choose(IEnumerable<MailTopic> off, Severity alertsFrom) =>
        this with { Off = [.. off.Where(t => t.IsOptional())], AlertsFrom = alertsFrom };
}
