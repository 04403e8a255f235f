using WebKita.Grains.Common;

namespace WebKita.Grains.Alarms;

/// <summary>
/// One alarm profile, keyed by its id and its tenant (<c>GetGrain&lt;IAlarmProfileGrain&gt;(id, tenant)</c>).
/// Put creates or replaces it; repeating a put leaves the same profile (idempotent), each put is audited.
/// </summary>
[Alias("webkita.IAlarmProfileGrain")]
public interface IAlarmProfileGrain : IGrainWithGuidCompoundKey
{
    [Alias("Put")]
    Task<Outcome<AlarmProfile>> PutAsync(
        string name, Guid? schoolId, IReadOnlyList<AlarmRule> rules, Schedule schedule, TimeSpan offlineAfter, ChangedBy? by);

    [Alias("Find")]
    Task<AlarmProfile?> FindAsync();
}
