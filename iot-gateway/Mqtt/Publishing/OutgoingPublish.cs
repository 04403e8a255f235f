using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Publishing;

/// <summary>A QoS 1 publish awaiting its PUBACK; guarded by its queue's lock.</summary>
internal sealed class OutgoingPublish(PublishPacket packet)
{
    public PublishPacket Packet { get; } = packet;

    public TaskCompletionSource<MqttPublishResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LinkedListNode<OutgoingPublish>? Node { get; set; }

    public bool EverSent { get; set; }

    public bool InFlight { get; set; }

    public bool Removed { get; set; }
}
