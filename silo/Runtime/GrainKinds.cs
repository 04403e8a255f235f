namespace WebKita.Silo.Runtime;

/// <summary>The kind names under which grains are stored; part of the schema, never rename.</summary>
public static class GrainKinds
{
    public const string School = "school";
    public const string Offering = "offering";
    public const string Application = "application";
    public const string Account = "account";
    public const string Statute = "statute";
    public const string Round = "round";
    public const string RoundOffering = "round-offering";
    public const string RankedApplication = "round-application";
    public const string RankedApplicationStanding = "round-application-standing";
    public const string Building = "building";
    public const string Device = "device";
    public const string DeviceIndex = "device-index";
    public const string AlarmProfile = "alarm-profile";
    public const string RoomTickets = "room-tickets";
    public const string TicketRef = "ticket-ref";
    public const string TicketCounter = "ticket-counter";
    public const string FiledReport = "filed-report";
    public const string Webhook = "webhook";
    public const string WebhookDelivery = "webhook-delivery";
    public const string SessionLease = "session-lease";
}
