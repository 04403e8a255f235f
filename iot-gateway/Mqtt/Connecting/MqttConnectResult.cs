using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Connecting;

/// <summary>The outcome of CONNECT and the limits the server announced in CONNACK.</summary>
public sealed record MqttConnectResult(ConnAckPacket ConnAck)
{
    public MqttReasonCode ReasonCode => ConnAck.ReasonCode;

    public bool IsSuccess => ConnAck.ReasonCode == MqttReasonCode.Success;

    public bool SessionPresent => ConnAck.SessionPresent;

    public string? AssignedClientId => ConnAck.AssignedClientId;

    public ushort ReceiveMaximum => ConnAck.ReceiveMaximum;

    public uint? MaximumPacketSize => ConnAck.MaximumPacketSize;

    public ushort? ServerKeepAlive => ConnAck.ServerKeepAlive;
}
