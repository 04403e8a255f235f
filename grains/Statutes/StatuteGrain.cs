using Microsoft.Extensions.Logging;
using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Statutes;

/// <summary>Hosts a tenant's <see cref="Statute"/>: enacts or amends with the pure code, writes, publishes.</summary>
public sealed class StatuteGrain(
    [PersistentState("statute", GrainStorage.Name)] IPersistentState<PublishedState<Statute>> state,
    IReadModel<Statute> statutes,
    TimeProvider time,
    ILogger<StatuteGrain> logger) : PublishingGrain<Statute>(Kind, state, statutes, time, logger), IStatuteGrain
{
    /// <summary>The kind the audit log and the read model name statutes by; part of the schema.</summary>
    public const string Kind = "statute";

    /// <summary>The statute's id in the read model and the audit log: one per tenant, and the tenant is part of every key.</summary>
    public static readonly Guid Id = new("57a70000-0000-4000-8000-000000000001");

    protected override (TenantId Tenant, Guid Id) Subject => (new TenantId(this.GetPrimaryKeyString()), Id);

    public Task<Outcome<Statute>> AmendAsync(IReadOnlyList<CriterionRule> criteria, GradeRange priorityGrades, Guid enactedBy, ChangedBy? by) =>
        ChangeAsync(
            statute => statute is null
                ? Statute.Enact(Subject.Tenant, criteria, priorityGrades, enactedBy, Time.GetUtcNow())
                : statute.Amend(criteria, priorityGrades, enactedBy, Time.GetUtcNow()),
            "AmendStatute",
            by);

    public Task<Statute?> FindAsync() => Task.FromResult(Current);
}
