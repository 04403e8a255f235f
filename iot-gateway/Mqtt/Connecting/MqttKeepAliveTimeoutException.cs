namespace WebKita.Mqtt.Connecting;

/// <summary>The broker did not answer a ping in time: the connection is declared lost (MQTT 5.0 §3.1.2.10).</summary>
public sealed class MqttKeepAliveTimeoutException(string message, Exception? inner = null) : Exception(message, inner);
