using WebKita.Grains.Devices;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Where every change to a device's runtime state goes: its messages, its reminders (silence,
/// alarm escalation) and people acknowledging its alarms. A device always lands on the same
/// <see cref="IDeviceShardGrain"/>, one activation in the cluster, so its decisions are taken one
/// at a time whichever process sends them; the version check on each write still guards the
/// moments membership lets two activations overlap. Several shards commit at once.
/// </summary>
public sealed class DeviceActivations(IGrainFactory grains, TimeProvider time) : IReminderTarget
{
    /// <summary>
    /// Commits in flight at once in the cluster. Fewer shards make bigger change sets; on the
    /// 2-core test machine (bench/run ingest --sink-only, 500 devices, shards in this process)
    /// 2 shards took ~18k msg/s, 4 ~13k, 8 ~11k. Changing it moves devices to other shards: do it
    /// with every process of the cluster stopped.
    /// </summary>
    public const int ShardCount = 2;

    public string ReminderKind => GrainKinds.Device;

    /// <summary>Decides on the device's current state and answers after the commit. An unknown device is refused with <c>device.unknown</c>.</summary>
    public async Task<DeviceVerdict> SendAsync(GrainKey key, DeviceDecision decision, CancellationToken cancellationToken) =>
        (await SendAsync(key, [decision], cancellationToken))[0];

    /// <summary>Decides one after another in one turn and answers each after the commit.</summary>
    public Task<DeviceVerdict[]> SendAsync(GrainKey key, DeviceDecision[] decisions, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Shard(key).DecideAsync(key, decisions, null);
    }

    public Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetUtcNow();
        DeviceDecision decision = reminder.Name switch
        {
            Device.SilenceCheck => new CheckSilence(now),
            _ when reminder.Name.StartsWith(Device.EscalationPrefix, StringComparison.Ordinal) => new EscalateAlarm(reminder.Name[Device.EscalationPrefix.Length..], now),
            _ => new KeepDevice(),
        };
        return Shard(reminder.Grain).DecideAsync(reminder.Grain, [decision], reminder);
    }

    /// <summary>The device's shard: from the id's bytes, the same in every process (unlike a string's hash code).</summary>
    private IDeviceShardGrain Shard(GrainKey key) =>
        grains.GetGrain<IDeviceShardGrain>(BitConverter.ToUInt32(key.Id.ToByteArray()) % ShardCount);
}
