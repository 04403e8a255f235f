using WebKita.Grains.Alarms;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Alarms;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Where every change to a device's runtime state goes: its messages, its reminders (silence,
/// alarm escalation) and people acknowledging its alarms. A device always lands on the same
/// <see cref="DeviceShard"/> of this process, so its decisions are taken one at a time; across
/// processes the version check on each write keeps them apart. Several shards commit at once.
/// </summary>
public sealed class DeviceActivations : IReminderTarget, IAsyncDisposable
{
    /// <summary>
    /// Commits in flight at once. Fewer shards make bigger change sets; on the 2-core test machine
    /// (bench/run ingest --sink-only, 500 devices) 2 shards took ~18k msg/s, 4 ~13k, 8 ~11k.
    /// </summary>
    public const int ShardCount = 2;

    private readonly DeviceShard[] _shards;
    private readonly TimeProvider _time;
    private int _disposed;

    public DeviceActivations(IGrainStore store, AlarmProfileDirectory profiles, SiloOptions options, TimeProvider time)
    {
        _time = time;
        _shards = [.. Enumerable.Range(0, ShardCount).Select(_ => new DeviceShard(store, profiles, options))];
    }

    public string ReminderKind => GrainKinds.Device;

    /// <summary>Decides on the device's current state and answers after the commit. An unknown device is refused with <c>device.unknown</c>.</summary>
    public async Task<Outcome<DeviceStep>> SendAsync(GrainKey key, Func<Device, AlarmProfile, Outcome<DeviceStep>> decide, CancellationToken cancellationToken) =>
        (await SendAsync(key, [decide], cancellationToken))[0];

    /// <summary>
    /// Decides one after another in one turn and answers each after the commit. Queued before it
    /// returns, so runs sent one after another for a device are decided in that order.
    /// </summary>
    public Task<IReadOnlyList<Outcome<DeviceStep>>> SendAsync(GrainKey key, IReadOnlyList<Func<Device, AlarmProfile, Outcome<DeviceStep>>> decisions, CancellationToken cancellationToken) =>
        Shard(key).PostAsync(new DeviceRequest(key, decisions, null), cancellationToken);

    public Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var alarmType = reminder.Name.StartsWith("escalate:", StringComparison.Ordinal) ? reminder.Name["escalate:".Length..] : null;
        Func<Device, AlarmProfile, Outcome<DeviceStep>> decide = (reminder.Name, alarmType) switch
        {
            (Device.SilenceCheck, _) => (device, profile) => Outcome<DeviceStep>.Done(device.CheckSilence(now, profile)),
            (_, { } type) => (device, _) => Outcome<DeviceStep>.Done(device.EscalateAlarm(type, now)),
            _ => (device, _) => Outcome<DeviceStep>.Done(DeviceStep.Unchanged(device)),
        };
        return Shard(reminder.Grain).PostAsync(new DeviceRequest(reminder.Grain, [decide], reminder), cancellationToken);
    }

    private DeviceShard Shard(GrainKey key) => _shards[(int)((uint)key.Id.GetHashCode() % ShardCount)];

    /// <summary>Idempotent: the container disposes this once as itself and once as a reminder target.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        foreach (var shard in _shards)
        {
            await shard.DisposeAsync();
        }
    }
}
