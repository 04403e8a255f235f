using WebKita.Mqtt.Receiving;

namespace WebKita.IotGateway.Ingestion;

/// <summary>A received message with its topic, read once on arrival: its lane needs the device, its handler the channel.</summary>
public readonly record struct Delivery(MqttReceivedMessage Message, DeviceTopic Topic);
