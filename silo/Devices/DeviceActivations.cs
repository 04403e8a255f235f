using WebKita.Grains.Devices;
using WebKita.Silo.Cluster;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Where every change to a device's runtime state goes: its messages, its reminders (silence,
/// alarm escalation) and people acknowledging its alarms. A device always lands on the same
/// <see cref="IDeviceShardGrain"/>, one activation in the cluster, so its decisions are taken one
/// at a time whichever process sends them; the version check on each write still guards the
/// moments membership lets two activations overlap. Several shards commit at once.
/// <para>
/// This process sends each shard one grain call at a time, carrying everything its callers queued
/// meanwhile (many devices' runs): a call per run cost the gateway more than the commit saved.
/// A device's requests leave in the order they were queued.
/// </para>
/// </summary>
public sealed class DeviceActivations : IReminderTarget, IAsyncDisposable
{
    /// <summary>
    /// Commits in flight at once in the cluster. Fewer shards make bigger change sets; on the
    /// 2-core test machine (bench/run ingest --sink-only, 500 devices, shards in this process)
    /// 2 shards took ~18k msg/s, 4 ~13k, 8 ~11k. Changing it moves devices to other shards: do it
    /// with every process of the cluster stopped.
    /// </summary>
    public const int ShardCount = 2;

    private readonly Mailbox<ShardRequest, DeviceVerdict[]>[] _senders;
    private readonly TimeProvider _time;
    private int _disposed;

    public DeviceActivations(IGrainFactory grains, SiloOptions options, TimeProvider time)
    {
        _time = time;
        _senders = [.. Enumerable.Range(0, ShardCount).Select(shard => new Mailbox<ShardRequest, DeviceVerdict[]>(
            async (requests, _) => await grains.Grain<IDeviceShardGrain>(shard).DecideAsync([.. requests]),
            options.MaxBatch,
            options.MailboxCapacity))];
    }

    public string ReminderKind => GrainKinds.Device;

    /// <summary>Decides on the device's current state and answers after the commit. An unknown device is refused with <c>device.unknown</c>.</summary>
    public async Task<DeviceVerdict> SendAsync(GrainKey key, DeviceDecision decision, CancellationToken cancellationToken) =>
        (await SendAsync(key, [decision], cancellationToken))[0];

    /// <summary>
    /// Decides one after another in one turn and answers each after the commit. Queued before it
    /// returns, so runs sent one after another for a device are decided in that order.
    /// </summary>
    public Task<DeviceVerdict[]> SendAsync(GrainKey key, DeviceDecision[] decisions, CancellationToken cancellationToken) =>
        Sender(key).PostAsync(new ShardRequest(key, decisions, null), cancellationToken);

    public Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        DeviceDecision decision = reminder.Name switch
        {
            Device.SilenceCheck => new CheckSilence(now),
            _ when reminder.Name.StartsWith(Device.EscalationPrefix, StringComparison.Ordinal) => new EscalateAlarm(reminder.Name[Device.EscalationPrefix.Length..], now),
            _ => new KeepDevice(),
        };
        return Sender(reminder.Grain).PostAsync(new ShardRequest(reminder.Grain, [decision], reminder), cancellationToken);
    }

    /// <summary>The device's shard: from the id's bytes, the same in every process (unlike a string's hash code).</summary>
    private Mailbox<ShardRequest, DeviceVerdict[]> Sender(GrainKey key) => _senders[BitConverter.ToUInt32(key.Id.ToByteArray()) % ShardCount];

    /// <summary>Idempotent: the container disposes this once as itself and once as a reminder target.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var sender in _senders)
        {
            await sender.DisposeAsync();
        }
    }
}
