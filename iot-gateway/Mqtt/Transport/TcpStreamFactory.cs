using System.Net.Security;
using System.Net.Sockets;

namespace WebKita.Mqtt.Transport;

/// <summary>TCP to <c>host:port</c>, with TLS when <paramref name="tls"/> is given.</summary>
public sealed class TcpStreamFactory(string host, int port, SslClientAuthenticationOptions? tls = null) : IMqttStreamFactory
{
    public async ValueTask<Stream> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            var stream = new NetworkStream(socket, ownsSocket: true);
            if (tls is null)
            {
                return stream;
            }

            var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(tls, cancellationToken).ConfigureAwait(false);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public override string ToString() => $"{(tls is null ? "mqtt" : "mqtts")}://{host}:{port}";
}
