namespace WebKita.Mqtt.Packets;

/// <summary>A user property (name/value pair); names may repeat and order is kept (§3.3.2.3.7).</summary>
public sealed record MqttUserProperty(string Name, string Value);
