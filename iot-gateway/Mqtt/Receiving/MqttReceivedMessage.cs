using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;

namespace WebKita.Mqtt.Receiving;

/// <summary>
/// A message handed to the application. For QoS 1 and 2 the broker gets no acknowledgement until
/// <see cref="Acknowledge"/> is called: call it after the work is committed. Messages may be
/// processed and acknowledged concurrently; the acknowledgements still leave in arrival order.
/// </summary>
public sealed class MqttReceivedMessage
{
    private readonly PendingAcknowledgement? _acknowledgement;
    private byte[]? _payload;

    internal MqttReceivedMessage(MqttApplicationMessage message, PendingAcknowledgement? acknowledgement)
    {
        Message = message;
        _acknowledgement = acknowledgement;
    }

    public MqttApplicationMessage Message { get; }

    public string Topic => Message.Topic;

    public byte[] Payload => _payload ??= Message.Payload.ToArray();

    /// <summary>The broker marked this as a possible redelivery (DUP).</summary>
    public bool Duplicate => Message.Dup;

    public MqttQualityOfServiceLevel QualityOfService => Message.QualityOfServiceLevel;

    /// <summary>
    /// Acknowledges the message; a reason code of 0x80 or more tells the broker it was refused.
    /// Thread-safe and idempotent; false for QoS 0, when already acknowledged, and after the
    /// connection it came on was lost (the broker then delivers it again).
    /// </summary>
    public bool Acknowledge(MqttApplicationMessageReceivedReasonCode reasonCode = MqttApplicationMessageReceivedReasonCode.Success) =>
        _acknowledgement is not null && _acknowledgement.Owner.Acknowledge(_acknowledgement, reasonCode);
}
