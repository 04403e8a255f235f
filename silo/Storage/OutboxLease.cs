namespace WebKita.Silo.Storage;

/// <summary>
/// The claim events are committed with when the committing process's own dispatcher will deliver
/// them: they are born claimed, so the dispatcher reads them instead of claiming them with an
/// update of every row. The lease lapses like any claim, and a dead claimant's events are taken at once.
/// </summary>
public sealed record OutboxLease(string Claimant, DateTimeOffset Until);
