using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Alarms;

/// <summary>Hosts an <see cref="AlarmProfile"/>: validates with the pure code, writes, publishes to the tenant's profile list.</summary>
public sealed class AlarmProfileGrain(
    [PersistentState("alarm-profile", GrainStorage.Name)] IPersistentState<PublishedState<AlarmProfile>> state,
    IReadModel<AlarmProfile> profiles,
    TimeProvider time,
    ILogger<AlarmProfileGrain> logger) : Grain, IAlarmProfileGrain
{
    /// <summary>The kind the audit log and the read model name alarm profiles by; part of the schema.</summary>
    public const string Kind = "alarm-profile";

    private Publication<AlarmProfile> _publication = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey(out var tenant);
        _publication = new Publication<AlarmProfile>(state, profiles, new TenantId(tenant!), id, Kind, DeactivateOnIdle, time, logger);
        return _publication.ActivateAsync(cancellationToken);
    }

    public Task<Outcome<AlarmProfile>> PutAsync(
        string name, Guid? schoolId, IReadOnlyList<AlarmRule> rules, Schedule schedule, TimeSpan offlineAfter, ChangedBy? by)
    {
        var id = this.GetPrimaryKey(out var tenant);
        return _publication.ChangeAsync(
            _ => AlarmProfile.Create(new TenantId(tenant!), id, name, schoolId, rules, schedule, offlineAfter),
            "PutAlarmProfile",
            by,
            CancellationToken.None);
    }

    public Task<AlarmProfile?> FindAsync() => Task.FromResult(_publication.Current);
}
