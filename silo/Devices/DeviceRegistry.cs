using System.Collections.Concurrent;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Which devices exist and whose they are. Topics carry no tenant, so each device id also has an
/// index grain under <see cref="IndexTenant"/>, written in the registration's own transaction; its
/// insert fails if any tenant holds the id already, which keeps ids unique across tenants.
/// </summary>
public sealed class DeviceRegistry(IGrainStore store, TimeProvider time)
{
    /// <summary>Not a valid <see cref="TenantId"/>, so no county's data can ever share it.</summary>
    public const string IndexTenant = "_devices";

    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(10);

    // Owners never change, so a hit is good forever; a miss is kept briefly, so a flood from an
    // unknown device does not become a flood of reads.
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _unknownUntil = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims the device id for the tenant before anything else happens to it (the broker's
    /// credentials above all), so two tenants racing for one id cannot both get that far.
    /// Repeating it for the same tenant succeeds.
    /// </summary>
    public async Task<Refusal?> ReserveAsync(TenantId tenant, string deviceId, CancellationToken cancellationToken)
    {
        if (await OwnerOfAsync(deviceId, cancellationToken) is { } owner)
        {
            return owner == tenant.Value && await FindAsync(tenant, deviceId, cancellationToken) is null ? null : Exists(deviceId);
        }

        try
        {
            await store.CommitAsync(new ChangeSet([IndexWrite(tenant, deviceId)], [], [], []), cancellationToken);
        }
        catch (StaleWriteException)
        {
            _unknownUntil.TryRemove(deviceId, out _);
            return await OwnerOfAsync(deviceId, cancellationToken) == tenant.Value ? null : Exists(deviceId);
        }

        _owners[deviceId] = tenant.Value;
        _unknownUntil.TryRemove(deviceId, out _);
        return null;
    }

    /// <summary>Stores the device, claiming its id too unless <see cref="ReserveAsync"/> did; an id another tenant holds is refused.</summary>
    public async Task<Outcome<Device>> RegisterAsync(Device device, Actor by, CancellationToken cancellationToken)
    {
        _unknownUntil.TryRemove(device.DeviceId, out _);
        var owner = await OwnerOfAsync(device.DeviceId, cancellationToken);
        if (owner is not null && owner != device.Tenant.Value)
        {
            return Exists(device.DeviceId);
        }

        var write = new GrainWrite(Key(device.Tenant, device.Id), 0, GrainJson.Serialize(device), device.BuildingId);
        var audit = new AuditEntry(device.Tenant.Value, by.AccountId, by.Role.ToString(), "RegisterDevice", GrainKinds.Device, device.Id, null, time.GetUtcNow(), "{}");
        try
        {
            await store.CommitAsync(new ChangeSet(owner is null ? [IndexWrite(device.Tenant, device.DeviceId), write] : [write], [], [], [], [audit]), cancellationToken);
        }
        catch (StaleWriteException)
        {
            return Exists(device.DeviceId);
        }

        _owners[device.DeviceId] = device.Tenant.Value;
        return Outcome<Device>.Done(device);
    }

    /// <summary>Records a change made at the broker only (credentials renewed, device disabled), so the audit log shows who did it.</summary>
    public Task AuditAsync(Device device, string action, Actor by, CancellationToken cancellationToken) =>
        store.CommitAsync(
            new ChangeSet([], [], [], [], [new AuditEntry(device.Tenant.Value, by.AccountId, by.Role.ToString(), action, GrainKinds.Device, device.Id, null, time.GetUtcNow(), "{}")]),
            cancellationToken);

    private static GrainWrite IndexWrite(TenantId tenant, string deviceId) =>
        new(IndexKey(deviceId), 0, GrainJson.Serialize(new DeviceIndexEntry(deviceId, tenant.Value)));

    public static Refusal Exists(string deviceId) => new("device.exists", $"Device id '{deviceId}' is registered already.");

    /// <summary>The tenant that owns the device id, or null if none does.</summary>
    public async ValueTask<string?> OwnerOfAsync(string deviceId, CancellationToken cancellationToken)
    {
        if (_owners.TryGetValue(deviceId, out var owner))
        {
            return owner;
        }

        if (_unknownUntil.TryGetValue(deviceId, out var until) && time.GetUtcNow() < until)
        {
            return null;
        }

        if (await store.ReadAsync(IndexKey(deviceId), cancellationToken) is { } stored)
        {
            return _owners[deviceId] = GrainJson.Deserialize<DeviceIndexEntry>(stored.State).Tenant;
        }

        _unknownUntil[deviceId] = time.GetUtcNow() + UnknownFor;
        return null;
    }

    /// <summary>The device as stored, with its ring of recent message ids read from the store's chunks.</summary>
    public async Task<Device?> FindAsync(TenantId tenant, string deviceId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!Device.IsValidDeviceId(deviceId) || await store.ReadAsync(Key(tenant, Device.IdFor(deviceId)), cancellationToken) is not { } stored)
            {
                return null;
            }

            var device = GrainJson.Deserialize<Device>(stored.State);
            if (device.Recent.HoldsAll)
            {
                return device;
            }

            // No ring when a commit wrote chunks after the device was read: read both again.
            var chunks = await store.ReadMessageIdsAsync(stored.Key.Tenant, stored.Key.Kind, [stored.Key.Id], cancellationToken);
            if (MessageIdChunk.Restore(device.Recent, chunks) is { } ring)
            {
                return device with { Recent = ring };
            }
        }
    }

    /// <summary>The tenant's devices, or one building's.</summary>
    public async Task<IReadOnlyList<Device>> ListAsync(TenantId tenant, Guid? buildingId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.Device, buildingId, cancellationToken))
            .Select(s => GrainJson.Deserialize<Device>(s.State)).OrderBy(d => d.DeviceId, StringComparer.Ordinal)];

    public static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.Device, id);

    private static GrainKey IndexKey(string deviceId) => new(IndexTenant, GrainKinds.DeviceIndex, Device.IdFor(deviceId));
}
