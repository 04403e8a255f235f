using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Connecting;

/// <summary>
/// The transport failed or the connection ended: refused, lost, timed out, closed by the server.
/// <see cref="ReasonCode"/> is set when an MQTT reason explains it (server DISCONNECT, keep-alive timeout, CONNACK refusal).
/// </summary>
public sealed class MqttConnectionException : Exception
{
    public MqttConnectionException(string message, MqttReasonCode? reasonCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ReasonCode = reasonCode;
    }

    public MqttReasonCode? ReasonCode { get; }
}
