namespace WebKita.Mqtt.Connecting;

/// <summary>
/// A state change. <see cref="Reason"/> says why a connection ended or an attempt failed:
/// <see cref="Packets.MqttProtocolException"/> when the server broke the protocol, <see cref="MqttConnectionException"/> otherwise.
/// </summary>
public sealed class MqttConnectionStateChangedEventArgs(MqttConnectionState state, Exception? reason, MqttConnectResult? connectResult) : EventArgs
{
    public MqttConnectionState State { get; } = state;

    public Exception? Reason { get; } = reason;

    /// <summary>Set when <see cref="State"/> is Connected.</summary>
    public MqttConnectResult? ConnectResult { get; } = connectResult;
}
