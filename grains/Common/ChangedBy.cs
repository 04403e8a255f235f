namespace WebKita.Grains.Common;

/// <summary>
/// A staff or admin request that the audit log must show if it changes the grain: who (account
/// and the role they acted in, as the audit log names it) and why.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.ChangedBy")]
public sealed record ChangedBy(Guid AccountId, string Role, string? Reason = null);
