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
    /// Decides the requests (many devices', a device's in the order given) and answers each
    /// request's decisions once the turn that took them is committed.
    /// </summary>
    [Alias("Decide")]
    Task<DeviceVerdict[][]> DecideAsync(ShardRequest[] requests);
}
