namespace WebKita.Grains.Defects;

/// <summary>What a facility manager or admin does with a ticket.</summary>
[GenerateSerializer, Alias("webkita.TicketAction")]
public enum TicketAction
{
    Acknowledge,
    Start,
    Resolve,
    Close,
    Reject,
    MarkDuplicate,
}
