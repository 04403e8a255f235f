namespace WebKita.Silo.Defects;

/// <summary>The tenant's next ticket number: numbers are short, per tenant, and never reused.</summary>
public sealed record TicketCounter(int Next);
