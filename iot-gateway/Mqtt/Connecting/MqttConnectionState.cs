namespace WebKita.Mqtt.Connecting;

public enum MqttConnectionState
{
    Disconnected,
    Connecting,
    Connected,

    /// <summary>The connection was lost; the client is waiting out its backoff or retrying.</summary>
    Reconnecting,
}
