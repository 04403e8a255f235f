using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// A fixed share of all devices, keyed by shard number (<see cref="DeviceActivations.ShardCount"/>
/// of them). Orleans keeps one activation per shard in the cluster, so every process (the api, each
/// gateway) sends a device's decisions to the same turn loop, which decides them in arrival order.
/// </summary>
[Alias("webkita.IDeviceShardGrain")]
public interface IDeviceShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Decides <paramref name="decisions"/> on device <paramref name="device"/> one after another in
    /// one turn and answers each once the turn is committed. <paramref name="fired"/> is the
    /// reminder whose firing this is, deleted in the same commit.
    /// </summary>
    [Alias("Decide")]
    Task<DeviceVerdict[]> DecideAsync(GrainKey device, DeviceDecision[] decisions, Reminder? fired);
}
