using WebKita.Mqtt.Publishing;

namespace WebKita.Mqtt.Packets;

/// <summary>The will message the server publishes if the connection ends without a normal DISCONNECT.</summary>
public sealed record MqttWill(MqttApplicationMessage Message, uint DelayInterval = 0);
