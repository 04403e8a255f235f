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

    public async Task<Outcome<Device>> RegisterAsync(Device device, Actor by, CancellationToken cancellationToken)
    {
        var index = new GrainWrite(IndexKey(device.DeviceId), 0, GrainJson.Serialize(new DeviceIndexEntry(device.DeviceId, device.Tenant.Value)));
        var write = new GrainWrite(Key(device.Tenant, device.Id), 0, GrainJson.Serialize(device), device.BuildingId);
        var audit = new AuditEntry(device.Tenant.Value, by.AccountId, by.Role.ToString(), "RegisterDevice", GrainKinds.Device, device.Id, null, time.GetUtcNow(), "{}");
        try
        {
            await store.CommitAsync(new ChangeSet([index, write], [], [], [], [audit]), cancellationToken);
        }
        catch (StaleWriteException)
        {
            return Exists(device.DeviceId);
        }

        _owners[device.DeviceId] = device.Tenant.Value;
        _unknownUntil.TryRemove(device.DeviceId, out _);
        return Outcome<Device>.Done(device);
    }

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

    public async Task<Device?> FindAsync(TenantId tenant, string deviceId, CancellationToken cancellationToken) =>
        Device.IsValidDeviceId(deviceId) && await store.ReadAsync(Key(tenant, Device.IdFor(deviceId)), cancellationToken) is { } stored
            ? GrainJson.Deserialize<Device>(stored.State)
            : null;

    /// <summary>The tenant's devices, or one building's.</summary>
    public async Task<IReadOnlyList<Device>> ListAsync(TenantId tenant, Guid? buildingId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.Device, buildingId, cancellationToken))
            .Select(s => GrainJson.Deserialize<Device>(s.State)).OrderBy(d => d.DeviceId, StringComparer.Ordinal)];

    public static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.Device, id);

    private static GrainKey IndexKey(string deviceId) => new(IndexTenant, GrainKinds.DeviceIndex, Device.IdFor(deviceId));
}
