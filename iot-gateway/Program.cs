// The gateway's ingestion (kiosk reports, telemetry, alarms) arrives with its own issue;
// until then this host only proves that the MQTT client library links into it.
Console.WriteLine("WebKita IoT gateway: ingestion is not built yet; see the MQTT client in iot-gateway/Mqtt.");
