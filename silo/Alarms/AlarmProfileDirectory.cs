using System.Collections.Concurrent;
using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Alarms;

/// <summary>
/// Alarm profiles of all tenants, and which one judges a device. Profiles change a few times a
/// year and are read with every telemetry batch, so each process keeps a tenant's profiles for
/// <see cref="CacheFor"/>; a change made here is seen here at once, elsewhere within that time.
/// </summary>
public sealed class AlarmProfileDirectory(IGrainStore store, SiloOptions options, TimeProvider time) : IAsyncDisposable
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly GrainDirectory<GrainKey, SingleGrainActivation<AlarmProfile>> _activations = new();
    private readonly ConcurrentDictionary<string, (DateTimeOffset LoadedAt, IReadOnlyList<AlarmProfile> Profiles, AlarmProfile Default)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates or replaces a profile. Idempotent.</summary>
    public async Task<Outcome<AlarmProfile>> PutAsync(
        TenantId tenant, Guid id, string name, Guid? schoolId, IReadOnlyList<AlarmRule> rules, Schedule schedule, TimeSpan offlineAfter,
        CancellationToken cancellationToken, Actor? by = null)
    {
        var outcome = await Activation(tenant, id).SendAsync(
            _ => AlarmProfile.Create(tenant, id, name, schoolId, rules, schedule, offlineAfter), cancellationToken, by is null ? null : new AuditedAction(by, "PutAlarmProfile"));
        _cache.TryRemove(tenant.Value, out _);
        return outcome;
    }

    public async Task<IReadOnlyList<AlarmProfile>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.AlarmProfile, null, cancellationToken)).Select(s => GrainJson.Deserialize<AlarmProfile>(s.State))];

    /// <summary>The device's own profile, else its school's, else <see cref="AlarmProfile.Default"/>.</summary>
    public async ValueTask<AlarmProfile> ForAsync(Device device, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!_cache.TryGetValue(device.Tenant.Value, out var cached) || now - cached.LoadedAt > CacheFor)
        {
            cached = (now, await ListAsync(device.Tenant, cancellationToken), AlarmProfile.Default(device.Tenant));
            _cache[device.Tenant.Value] = cached;
        }

        return cached.Profiles.FirstOrDefault(p => p.Id == device.AlarmProfileId)
            ?? cached.Profiles.FirstOrDefault(p => p.SchoolId == device.SchoolId)
            ?? cached.Default;
    }

    private SingleGrainActivation<AlarmProfile> Activation(TenantId tenant, Guid id) =>
        _activations.Get(new GrainKey(tenant.Value, GrainKinds.AlarmProfile, id), key => new SingleGrainActivation<AlarmProfile>(store, key, _ => null, options, time));

    public ValueTask DisposeAsync() => _activations.DisposeAsync();
}
