namespace WebKita.Silo.Runtime;

/// <summary>What a staff or admin request should leave in the audit log if it changes the grain.</summary>
public sealed record AuditedAction(Actor By, string Action, string? Reason = null);
