namespace WebKita.Grains.Defects;

/// <summary>new → acknowledged → in progress → resolved → closed; or rejected / duplicate. The last three are final.</summary>
[GenerateSerializer, Alias("webkita.TicketStatus")]
public enum TicketStatus
{
    New,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
    Rejected,
    Duplicate,
}
