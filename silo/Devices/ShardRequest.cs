using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Decisions for one device, taken one after another in the same turn (a run of its messages is
/// one request, so the mailbox cannot split it across turns); <paramref name="Fired"/> is the
/// reminder whose firing it is, deleted in the same commit.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.ShardRequest")]
public sealed record ShardRequest(GrainKey Key, DeviceDecision[] Decisions, Reminder? Fired);
