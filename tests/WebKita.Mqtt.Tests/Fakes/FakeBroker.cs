using System.Net;
using System.Net.Sockets;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Tests.Fakes;

/// <summary>A scripted server on loopback: the test decides every byte it sends and inspects every packet the client sends.</summary>
public sealed class FakeBroker : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public FakeBroker()
    {
        _listener.Start();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public MqttClientOptions ClientOptions(bool reconnect = false) => MqttClientOptions.ForTcp("127.0.0.1", Port) with
    {
        ClientId = "fake-client",
        KeepAlive = TimeSpan.Zero,
        Reconnect = new MqttReconnectOptions { Enabled = reconnect, InitialDelay = TimeSpan.FromMilliseconds(10), JitterSeed = 7 },
    };

    /// <summary>Accepts a connection, reads its CONNECT and answers with <paramref name="connAck"/>.</summary>
    public async Task<FakeBrokerConnection> AcceptAsync(ConnAckPacket? connAck = null)
    {
        var socket = await _listener.AcceptSocketAsync().WaitAsync(TestTimeouts.Default);
        var connection = new FakeBrokerConnection(new NetworkStream(socket, ownsSocket: true));
        connection.Connect = (ConnectPacket)await connection.ReceiveAsync();
        await connection.SendAsync(connAck ?? new ConnAckPacket());
        return connection;
    }

    public ValueTask DisposeAsync()
    {
        _listener.Stop();
        return ValueTask.CompletedTask;
    }
}
