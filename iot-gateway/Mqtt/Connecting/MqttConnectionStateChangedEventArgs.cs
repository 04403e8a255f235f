using MQTTnet;

namespace WebKita.Mqtt.Connecting;

/// <summary>A state change; <see cref="Reason"/> says why a connection was lost or refused, <see cref="ConnectResult"/> comes with Connected.</summary>
public sealed class MqttConnectionStateChangedEventArgs(MqttConnectionState state, Exception? reason, MqttClientConnectResult? connectResult) : EventArgs
{
    public MqttConnectionState State { get; } = state;

    public Exception? Reason { get; } = reason;

    public MqttClientConnectResult? ConnectResult { get; } = connectResult;
}
