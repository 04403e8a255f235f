using System.Buffers;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Mqtt.Connecting;

namespace WebKita.Mqtt.Receiving;

/// <summary>
/// A message handed to the application. For QoS 1 and 2 the broker gets no acknowledgement until
/// <see cref="Acknowledge"/> is called: call it after the work is committed. Messages may be
/// processed and acknowledged concurrently; the acknowledgements still leave in arrival order.
/// </summary>
public sealed class MqttReceivedMessage
{
    private readonly PendingAcknowledgement? _acknowledgement;
    private readonly MqttLink? _link;
    private byte[]? _payload;

    internal MqttReceivedMessage(MqttApplicationMessage message, PendingAcknowledgement? acknowledgement = null, MqttLink? link = null)
    {
        Message = message;
        _acknowledgement = acknowledgement;
        _link = link;
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

    /// <summary>True once the connection this message came on is gone: it can no longer be acknowledged, and the broker delivers it again.</summary>
    public bool IsStale => _acknowledgement?.Owner.IsClosed ?? false;

    /// <summary>
    /// Waits until the broker has read this message's acknowledgement, so it will never deliver it
    /// again (its PUBACK was sent, then a ping answered; acknowledgements of earlier messages were
    /// read before it). False if the connection was lost first. True at once for QoS 0.
    /// </summary>
    public Task<bool> ConfirmAsync(CancellationToken cancellationToken = default) =>
        _acknowledgement is null || _link is null ? Task.FromResult(true) : _link.ConfirmAsync(_acknowledgement, cancellationToken);
}
