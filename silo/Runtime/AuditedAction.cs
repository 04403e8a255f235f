namespace WebKita.Silo.Runtime;

/// <summary>What a staff or admin request should leave in the audit log if it changes the grain.</summary>
[GenerateSerializer, Immutable, Alias("webkita.AuditedAction")]
public sealed record AuditedAction(Actor By, string Action, string? Reason = null);
