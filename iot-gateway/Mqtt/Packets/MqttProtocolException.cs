namespace WebKita.Mqtt.Packets;

/// <summary>
/// The peer sent bytes that break MQTT 5.0. <see cref="ReasonCode"/> is the code the client
/// sends in its DISCONNECT before closing (Malformed Packet, Protocol Error, Packet Too Large, ...).
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException(MqttReasonCode reasonCode, string message)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    public MqttReasonCode ReasonCode { get; }

    internal static MqttProtocolException Malformed(string message) => new(MqttReasonCode.MalformedPacket, message);

    internal static MqttProtocolException ProtocolError(string message) => new(MqttReasonCode.ProtocolError, message);
}
