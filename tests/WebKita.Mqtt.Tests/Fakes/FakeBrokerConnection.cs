using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt.Tests.Fakes;

public sealed class FakeBrokerConnection(Stream stream) : IAsyncDisposable
{
    private readonly PacketReceiver _receiver = new(stream, 1024 * 1024);

    public ConnectPacket Connect { get; set; } = new();

    public async Task<MqttPacket> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        return await _receiver.ReceiveAsync(timeout.Token);
    }

    public async Task<T> ReceiveAsync<T>()
        where T : MqttPacket
    {
        var packet = await ReceiveAsync();
        return packet.Should().BeOfType<T>().Subject;
    }

    public async Task SendAsync(MqttPacket packet)
    {
        using var writer = new PacketWriter();
        PacketEncoder.Encode(packet, writer);
        await SendRawAsync(writer.WrittenMemory.ToArray());
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Completes when the client closes the connection; returns the packets it sent until then.</summary>
    public async Task<IReadOnlyList<MqttPacket>> ReceiveUntilClosedAsync()
    {
        var packets = new List<MqttPacket>();
        while (true)
        {
            try
            {
                packets.Add(await ReceiveAsync());
            }
            catch (MqttConnectionException)
            {
                return packets;
            }
            catch (IOException)
            {
                return packets;
            }
        }
    }

    public void Close() => stream.Dispose();

    public ValueTask DisposeAsync() => stream.DisposeAsync();
}
