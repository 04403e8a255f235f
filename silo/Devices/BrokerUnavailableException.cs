namespace WebKita.Silo.Devices;

/// <summary>The MQTT broker cannot be reached or did not answer in time: a temporary state (HTTP 503), not a bug.</summary>
public sealed class BrokerUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
