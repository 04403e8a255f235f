using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Tests.Fakes;

namespace WebKita.Mqtt.Tests.Client;

/// <summary>
/// Keep-alive on fake time. The client checks every eighth of the interval; the test advances one eighth at
/// a time, only after the client has armed its next check, and waits for the bytes each step must produce.
/// </summary>
public sealed class KeepAliveTests
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Eighth = KeepAlive / 8;

    private static async Task StepsAsync(ManualTimeProvider time, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await time.WaitForArmedTimerAsync();
            time.Advance(Eighth);
        }
    }

    [Fact]
    public async Task KeepAlive_ServerAnswersPings_PingsAfterHalfAnIntervalOfSilenceAndStaysConnected()
    {
        var time = new ManualTimeProvider();
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions() with { KeepAlive = KeepAlive }, time);
        var states = new List<MqttConnectionState>();
        client.ConnectionStateChanged += (_, change) => states.Add(change.State);
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        await using var server = await accepting;
        var start = time.GetUtcNow();

        for (ushort cycle = 1; cycle <= 3; cycle++)
        {
            await StepsAsync(time, 4);
            (await server.ReceiveAsync<PingPacket>()).Kind.Should().Be(MqttPacketType.PingReq);
            (time.GetUtcNow() - start).Should().Be(KeepAlive / 2 * cycle);
            await server.SendAsync(PingPacket.Response);

            // A message after the PINGRESP proves the client has read the PINGRESP before time moves on.
            await server.SendAsync(new PublishPacket { Message = new MqttApplicationMessage { Topic = "t", QualityOfService = MqttQualityOfService.AtLeastOnce }, PacketId = cycle });
            (await client.NextMessageAsync()).Acknowledge();
            (await server.ReceiveAsync<PublishAckPacket>()).PacketId.Should().Be(cycle);
        }

        client.State.Should().Be(MqttConnectionState.Connected);
        states.Should().Equal(MqttConnectionState.Connecting, MqttConnectionState.Connected);
    }

    [Fact]
    public async Task KeepAlive_ServerSilent_DisconnectsWithKeepAliveTimeoutAfterOneInterval()
    {
        var time = new ManualTimeProvider();
        await using var broker = new FakeBroker();
        await using var client = new MqttClient(broker.ClientOptions() with { KeepAlive = KeepAlive }, time);
        var disconnected = client.WaitForStateAsync(change => change.State == MqttConnectionState.Disconnected);
        var accepting = broker.AcceptAsync();
        await client.ConnectAsync();
        await using var server = await accepting;
        var start = time.GetUtcNow();

        await StepsAsync(time, 4);
        (await server.ReceiveAsync<PingPacket>()).Kind.Should().Be(MqttPacketType.PingReq);
        await StepsAsync(time, 4);

        (await server.ReceiveAsync<DisconnectPacket>()).ReasonCode.Should().Be(MqttReasonCode.KeepAliveTimeout);
        var change = await disconnected;
        change.Reason.Should().BeOfType<MqttConnectionException>().Which.ReasonCode.Should().Be(MqttReasonCode.KeepAliveTimeout);
        (time.GetUtcNow() - start).Should().Be(KeepAlive);
    }
}
