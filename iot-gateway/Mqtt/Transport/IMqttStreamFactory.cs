namespace WebKita.Mqtt.Transport;

/// <summary>
/// Opens the byte stream a connection runs over: plain TCP, TLS, or an in-memory pipe in tests.
/// Called once per connection attempt; the client owns and disposes the returned stream.
/// </summary>
public interface IMqttStreamFactory
{
    ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken);
}
