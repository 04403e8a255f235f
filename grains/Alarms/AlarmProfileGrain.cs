using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Alarms;

/// <summary>Hosts an <see cref="AlarmProfile"/>: validates with the pure code, writes, publishes to the tenant's profile list.</summary>
public sealed class AlarmProfileGrain(
    [PersistentState("alarm-profile", GrainStorage.Name)] IPersistentState<PublishedState<AlarmProfile>> state,
    IReadModel<AlarmProfile> profiles,
    TimeProvider time,
    ILogger<AlarmProfileGrain> logger) : PublishingGrain<AlarmProfile>(Kind, state, profiles, time, logger), IAlarmProfileGrain
{
    /// <summary>The kind the audit log and the read model name alarm profiles by; part of the schema.</summary>
    public const string Kind = "alarm-profile";

    public Task<Outcome<AlarmProfile>> PutAsync(
        string name, Guid? schoolId, IReadOnlyList<AlarmRule> rules, Schedule schedule, TimeSpan offlineAfter, ChangedBy? by)
    {
        var (tenant, id) = Subject;
        return ChangeAsync(_ => AlarmProfile.Create(tenant, id, name, schoolId, rules, schedule, offlineAfter), "PutAlarmProfile", by);
    }

    public Task<AlarmProfile?> FindAsync() => Task.FromResult(Current);
}
