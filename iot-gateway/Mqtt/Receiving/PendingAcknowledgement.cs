using MQTTnet;

namespace WebKita.Mqtt.Receiving;

/// <summary>The PUBACK (or PUBREC) owed for one received PUBLISH; guarded by its queue's lock.</summary>
internal sealed class PendingAcknowledgement(AcknowledgementQueue owner, object? delivery)
{
    public AcknowledgementQueue Owner { get; } = owner;

    /// <summary>What the queue's sender needs to send this acknowledgement (MQTTnet's event arguments).</summary>
    public object? Delivery { get; } = delivery;

    public MqttApplicationMessageReceivedReasonCode ReasonCode { get; set; }

    public bool Acknowledged { get; set; }

    /// <summary>True once the acknowledgement went out on the wire.</summary>
    public bool Sent { get; set; }

    /// <summary>Made only when someone waits for the send (<see cref="AcknowledgementQueue.SentAsync"/>): true once sent, false if it never will be.</summary>
    public TaskCompletionSource<bool>? SentWaiter { get; set; }
}
