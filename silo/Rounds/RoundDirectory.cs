using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Cluster;
using WebKita.Silo.Runtime;
using WebKita.Silo.Statutes;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// Allocation rounds and their ranked applications. Every change goes through the round's
/// grain (one activation in the cluster, one turn at a time, group commit); reads go to the
/// store, which holds only committed state. Thread-safe.
/// </summary>
public sealed class RoundDirectory(IGrainStore store, StatuteDirectory statutes, IGrainFactory grains) : IReminderTarget
{
    /// <summary>The round's durable reminder for its deadline: it runs the allocation.</summary>
    public const string DeadlineReminder = "allocation-deadline";

    /// <summary>The round's durable reminder for the earliest open offer's deadline.</summary>
    public const string OfferExpiryReminder = "offers-expire";

    /// <summary>Decides a command; the reply comes only after its effects are committed.</summary>
    public Task<RoundReply> SendAsync(TenantId tenant, Guid roundId, RoundCommand command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return grains.Grain<IRoundGrain>(roundId, tenant.Value).SendAsync(command);
    }

    string IReminderTarget.ReminderKind => GrainKinds.Round;

    Task IReminderTarget.FireAsync(Reminder reminder, CancellationToken cancellationToken) =>
        SendAsync(
            new TenantId(reminder.Grain.Tenant),
            reminder.Grain.Id,
            reminder.Name == DeadlineReminder ? new RunAllocation(reminder) : new ExpireOffers(reminder),
            cancellationToken);

    public async Task<AllocationRound?> FindRoundAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        (await RoundRows.ReadAsync(store, tenant, id, cancellationToken))?.Round;

    public async Task<IReadOnlyList<AllocationRound>> ListRoundsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await RoundRows.ListAsync(store, tenant, cancellationToken)).OrderBy(r => r.Deadline)];

    public async Task<RankedApplication?> FindApplicationAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        (await RankedApplicationRows.ReadAsync(store, tenant, id, cancellationToken))?.Application;

    public async Task<RankedApplication?> FindApplicationByIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken) =>
        (await RankedApplicationRows.ReadByAliasAsync(store, tenant, key, cancellationToken))?.Application;

    /// <summary>A round's applications in arrival order.</summary>
    public async Task<IReadOnlyList<RankedApplication>> ListApplicationsAsync(TenantId tenant, Guid roundId, CancellationToken cancellationToken) =>
        [.. (await RankedApplicationRows.ListAsync(store, tenant, roundId, cancellationToken)).Select(s => s.Application).OrderBy(a => a.Arrival)];

    /// <summary>A family's applications in all rounds (scans the tenant's: rare requests, a county's few thousand).</summary>
    public async Task<IReadOnlyList<RankedApplication>> ListApplicationsOfFamilyAsync(TenantId tenant, Guid familyId, CancellationToken cancellationToken) =>
        [.. (await RankedApplicationRows.ListAsync(store, tenant, null, cancellationToken)).Select(s => s.Application)
            .Where(a => a.FamilyId == familyId).OrderBy(a => a.SubmittedAt)];

    /// <summary>
    /// A dry run: what the allocation would decide now with the statute in force (or the version
    /// given) and this seed. Changes nothing. With a published run's seed and rules version it
    /// recomputes that run from the applications as they were submitted.
    /// </summary>
    public async Task<Outcome<AllocationResult>> SimulateAsync(TenantId tenant, Guid roundId, string seed, int? rulesVersion, CancellationToken cancellationToken)
    {
        if (await FindRoundAsync(tenant, roundId, cancellationToken) is not { } round)
        {
            return new Refusal("round.not_found", "There is no such round.");
        }

        var statute = await statutes.FindAsync(tenant, cancellationToken);
        var rules = rulesVersion is { } v ? statute?.Find(v)?.Rules : statute?.Current().Rules;
        if (rules is null)
        {
            return new Refusal("statute.not_found", "There is no statute (version) to rank by.");
        }

        var applications = await ListApplicationsAsync(tenant, roundId, cancellationToken);
        var asSubmitted = round.Phase == RoundPhase.Collecting ? applications
            : [.. applications.Where(a => a.Ranking is not null).Select(a => a with { Status = ApplicationStatus.Submitted })];
        return round.Simulate(asSubmitted, rules, seed);
    }
}
