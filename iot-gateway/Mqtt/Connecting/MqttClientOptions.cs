using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Transport;

namespace WebKita.Mqtt.Connecting;

public sealed record MqttClientOptions
{
    public required IMqttStreamFactory StreamFactory { get; init; }

    /// <summary>Empty asks the server to assign one; the assigned id is reused on reconnect.</summary>
    public string ClientId { get; init; } = "";

    public string? Username { get; init; }

    public byte[]? Password { get; init; }

    /// <summary>False together with a non-zero <see cref="SessionExpiryInterval"/> keeps the session, and the messages queued for it, across disconnections.</summary>
    public bool CleanStart { get; init; } = true;

    /// <summary>Seconds the server keeps the session after the connection ends; uint.MaxValue means never expire.</summary>
    public uint SessionExpiryInterval { get; init; }

    /// <summary>Zero turns keep-alive off; the server's Server Keep Alive overrides it.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many QoS 1/2 messages the server may have unacknowledged with us at once.</summary>
    public ushort ReceiveMaximum { get; init; } = ushort.MaxValue;

    /// <summary>The largest packet accepted from the server; larger ones close the connection with Packet Too Large.</summary>
    public int MaximumPacketSize { get; init; } = 1024 * 1024;

    public MqttWill? Will { get; init; }

    public IReadOnlyList<MqttUserProperty> UserProperties { get; init; } = [];

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public MqttReconnectOptions Reconnect { get; init; } = new();

    public static MqttClientOptions ForTcp(string host, int port) => new() { StreamFactory = new TcpStreamFactory(host, port) };
}
