using Orleans.Concurrency;
using Orleans.Placement;
using WebKita.Silo.Alarms;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Hosts a <see cref="DeviceShard"/> in the cluster: its turn loop batches many devices' decisions
/// into one commit, as before, but now for every process at once, so two gateways taking one
/// sensor's messages no longer race each other's versions.
/// <para>
/// Reentrant: many callers wait for their commits at once; the shard's mailbox decides them one
/// turn at a time. Placed where it is first called (a gateway taking telemetry), so the hot path
/// stays in that process; a second gateway reaches it over the cluster.
/// </para>
/// </summary>
[Reentrant, PreferLocalPlacement]
internal sealed class DeviceShardGrain(IGrainStore store, AlarmProfileDirectory profiles, SiloOptions options) : Grain, IDeviceShardGrain
{
    private DeviceShard _shard = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _shard = new DeviceShard(store, profiles, options);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        await _shard.DisposeAsync();

    public async Task<DeviceVerdict[][]> DecideAsync(ShardRequest[] requests)
    {
        // All posted before the first await, in the order given: a device's requests keep their order.
        var posted = requests.Select(request => _shard.PostAsync(request, CancellationToken.None)).ToArray();
        var outcomes = await Task.WhenAll(posted);
        return [.. requests.Select((request, i) => request.Decisions.Select((decision, j) => DeviceVerdict.Of(decision, outcomes[i][j])).ToArray())];
    }
}
