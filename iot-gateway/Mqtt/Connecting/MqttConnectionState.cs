namespace WebKita.Mqtt.Connecting;

public enum MqttConnectionState
{
    Disconnected,
    Connecting,
    Connected,
    Reconnecting,
}
