using System.Collections.Concurrent;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Cluster;
using WebKita.Silo.ReadModels;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Alarms;

/// <summary>
/// Alarm profiles of all tenants, and which one judges a device. A put goes to the profile's Orleans
/// grain; reads go to what the grains published. Profiles change a few times a year and are read
/// with every telemetry batch, so each process keeps a tenant's profiles for <see cref="CacheFor"/>;
/// a change made here is seen here at once, elsewhere within that time.
/// </summary>
public sealed class AlarmProfileDirectory(IGrainFactory grains, StoreReadModel<AlarmProfile> published, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, IReadOnlyList<AlarmProfile> Profiles, AlarmProfile Default)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces a profile. Idempotent.</summary>
    public async Task<Outcome<AlarmProfile>> PutAsync(
        TenantId tenant, Guid id, string name, Guid? schoolId, IReadOnlyList<AlarmRule> rules, Schedule schedule, TimeSpan offlineAfter,
        CancellationToken cancellationToken, Actor? by = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var outcome = await grains.Grain<IAlarmProfileGrain>(id, tenant.Value).PutAsync(name, schoolId, rules, schedule, offlineAfter, by?.ChangedBy());
        _cache.TryRemove(tenant.Value, out _);
        return outcome;
    }

    public Task<IReadOnlyList<AlarmProfile>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        published.ListAsync(tenant, cancellationToken);

    /// <summary>The device's own profile, else its school's, else <see cref="AlarmProfile.Default"/>.</summary>
    public async ValueTask<AlarmProfile> ForAsync(Device device, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(device.Tenant.Value, out var cached) || now - cached.LoadedAt > CacheFor)
        {
            cached = (now, await ListAsync(device.Tenant, cancellationToken), AlarmProfile.Default(device.Tenant));
            _cache[device.Tenant.Value] = cached;
        }

        // Asked for every message: by index rather than LINQ, which allocated two closures and
        // enumerators each time.
        AlarmProfile? forSchool = null;
        for (var i = 0; i < cached.Profiles.Count; i++)
        {
            var profile = cached.Profiles[i];
            if (profile.Id == device.AlarmProfileId)
            {
                return profile;
            }

            forSchool ??= profile.SchoolId == device.SchoolId ? profile : null;
        }

        return forSchool ?? cached.Default;
    }
}
