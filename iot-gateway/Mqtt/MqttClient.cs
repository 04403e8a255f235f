using System.Threading.Channels;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
using WebKita.Mqtt.Receiving;
using WebKita.Mqtt.Subscribing;

namespace WebKita.Mqtt;

/// <summary>
/// An MQTT 5.0 client that stays connected: after <see cref="ConnectAsync"/> succeeds, a lost
/// connection is re-established with exponential backoff and jitter, unacknowledged QoS 1 publishes
/// are resent, and subscriptions are renewed when the server kept no session. Received messages are
/// read from <see cref="Messages"/> and acknowledged by the application. All members are thread-safe.
/// <see cref="ConnectionStateChanged"/> is raised synchronously on the thread that changed the state;
/// handlers should return quickly, and exceptions they throw are ignored.
/// </summary>
public sealed partial class MqttClient : IAsyncDisposable
{
    private readonly MqttClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<MqttReceivedMessage> _inbox = Channel.CreateUnbounded<MqttReceivedMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly MqttSession _session;
    private readonly ReconnectBackoff _backoff;
    private readonly Lock _gate = new();
    private MqttConnection? _connection;
    private MqttConnectResult? _lastConnect;
    private CancellationTokenSource? _supervision;
    private Task _supervisor = Task.CompletedTask;
    private MqttConnectionState _state;
    private string _clientId;

    public MqttClient(MqttClientOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.MaximumPacketSize < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaximumPacketSize, "MaximumPacketSize must be at least 16 bytes");
        }

        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _clientId = options.ClientId;
        _session = new MqttSession(options, _inbox.Writer);
        _backoff = new ReconnectBackoff(options.Reconnect);
    }

    public event EventHandler<MqttConnectionStateChangedEventArgs>? ConnectionStateChanged;

    public MqttConnectionState State => _state;

    /// <summary>The client id in use: the configured one, or the one the server assigned.</summary>
    public string ClientId => _clientId;

    /// <summary>The seed of the reconnect jitter, to replay a run.</summary>
    public int JitterSeed => _backoff.Seed;

    /// <summary>
    /// Received messages in arrival order, across reconnects. The server never has more than
    /// <see cref="MqttClientOptions.ReceiveMaximum"/> unacknowledged QoS 1/2 messages with us, which bounds this queue
    /// for them; QoS 0 messages are bounded only by how fast the application reads.
    /// </summary>
    public ChannelReader<MqttReceivedMessage> Messages => _inbox.Reader;

    /// <summary>
    /// Connects once and, if the server accepts, keeps the client connected until <see cref="DisconnectAsync"/>.
    /// A refusal is returned as a result; transport failures throw <see cref="MqttConnectionException"/>,
    /// a server that breaks the protocol <see cref="MqttProtocolException"/>.
    /// </summary>
    public async Task<MqttConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_state != MqttConnectionState.Disconnected)
            {
                throw new InvalidOperationException($"ConnectAsync called while {_state}");
            }
        }

        SetState(MqttConnectionState.Connecting, null, null);
        MqttConnection connection;
        ConnAckPacket connAck;
        try
        {
            (connection, connAck) = await MqttConnection.OpenAsync(_options, BuildConnect(), _time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            SetState(MqttConnectionState.Disconnected, exception, null);
            throw;
        }

        var result = new MqttConnectResult(connAck);
        if (!result.IsSuccess)
        {
            connection.Abort(new MqttConnectionException($"the server refused the connection: {connAck.ReasonCode}", connAck.ReasonCode));
            SetState(MqttConnectionState.Disconnected, await connection.Closed.ConfigureAwait(false), null);
            return result;
        }

        var supervision = new CancellationTokenSource();
        lock (_gate)
        {
            _supervision = supervision;
        }

        await AttachAsync(connection, result).ConfigureAwait(false);
        _supervisor = Task.Run(() => SuperviseAsync(connection, supervision.Token), CancellationToken.None);
        return result;
    }

    /// <summary>
    /// QoS 0 returns once the packet is queued (throws when not connected). QoS 1 returns the PUBACK's
    /// reason code; while the connection is down the publish waits and is sent after the reconnect.
    /// Refusals the server announced in CONNACK (QoS, retain, packet size) are returned without sending.
    /// </summary>
    public Task<MqttPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        TopicFilter.ValidateName(message.Topic);
        if (message.QualityOfService == MqttQualityOfService.ExactlyOnce)
        {
            throw new ArgumentException("publishing with QoS 2 is not supported; use QoS 1 and idempotent handling", nameof(message));
        }

        var connAck = _lastConnect?.ConnAck ?? throw NotConnected();
        if (message.QualityOfService > connAck.MaximumQoS)
        {
            return Task.FromResult(new MqttPublishResult(MqttReasonCode.QoSNotSupported, $"the server's maximum QoS is {connAck.MaximumQoS}"));
        }

        if (message.Retain && !connAck.RetainAvailable)
        {
            return Task.FromResult(new MqttPublishResult(MqttReasonCode.RetainNotSupported, "the server does not support retained messages"));
        }

        if (connAck.MaximumPacketSize is { } maximum && PacketEncoder.Measure(new PublishPacket { Message = message, PacketId = 1 }) > maximum)
        {
            return Task.FromResult(new MqttPublishResult(MqttReasonCode.PacketTooLarge, $"the packet exceeds the server's maximum packet size of {maximum} bytes"));
        }

        if (message.QualityOfService == MqttQualityOfService.AtMostOnce)
        {
            var connection = _connection;
            return connection is not null && connection.TrySend(new PublishPacket { Message = message })
                ? Task.FromResult(MqttPublishResult.Success)
                : Task.FromException<MqttPublishResult>(NotConnected());
        }

        if (_state == MqttConnectionState.Disconnected)
        {
            throw NotConnected();
        }

        return _session.Outgoing.PublishAsync(message, cancellationToken);
    }

    public Task<MqttSubscribeResult> SubscribeAsync(string topicFilter, MqttQualityOfService qos = MqttQualityOfService.AtLeastOnce, CancellationToken cancellationToken = default) =>
        SubscribeAsync([new MqttTopicSubscription(topicFilter, qos)], cancellationToken);

    /// <summary>Subscribes; granted subscriptions are renewed automatically after a reconnect that found no session.</summary>
    public async Task<MqttSubscribeResult> SubscribeAsync(IReadOnlyList<MqttTopicSubscription> subscriptions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count == 0)
        {
            throw new ArgumentException("at least one subscription is needed", nameof(subscriptions));
        }

        foreach (var subscription in subscriptions)
        {
            TopicFilter.ValidateFilter(subscription.TopicFilter);
        }

        var connection = _connection ?? throw NotConnected();
        return await SubscribeOnAsync(connection, subscriptions, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MqttUnsubscribeResult> UnsubscribeAsync(IReadOnlyList<string> topicFilters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topicFilters);
        var connection = _connection ?? throw NotConnected();
        var packetId = _session.PacketIds.Rent();
        try
        {
            var unsubAck = await connection.RequestAsync(new UnsubscribePacket { PacketId = packetId, TopicFilters = topicFilters }, packetId, cancellationToken).ConfigureAwait(false);
            var items = new List<(string, MqttReasonCode)>(topicFilters.Count);
            for (var i = 0; i < topicFilters.Count; i++)
            {
                var code = i < unsubAck.ReasonCodes.Count ? unsubAck.ReasonCodes[i] : MqttReasonCode.UnspecifiedError;
                if (code < MqttReasonCode.UnspecifiedError)
                {
                    _session.Subscriptions.Remove(topicFilters[i]);
                }

                items.Add((topicFilters[i], code));
            }

            return new MqttUnsubscribeResult(items, unsubAck.ReasonString);
        }
        finally
        {
            _session.PacketIds.Release(packetId);
        }
    }

    /// <summary>
    /// Stops reconnecting and sends DISCONNECT with <paramref name="reasonCode"/> (0x04 asks the server to
    /// publish the will). Unacknowledged received messages are redelivered in the next session, if it is kept.
    /// </summary>
    public async Task DisconnectAsync(MqttReasonCode reasonCode = MqttReasonCode.Success, CancellationToken cancellationToken = default)
    {
        CancellationTokenSource? supervision;
        lock (_gate)
        {
            supervision = _supervision;
            _supervision = null;
        }

        if (supervision is not null)
        {
            await supervision.CancelAsync().ConfigureAwait(false);
            await _supervisor.WaitAsync(cancellationToken).ConfigureAwait(false);
            supervision.Dispose();
        }

        var connection = Interlocked.Exchange(ref _connection, null);
        if (connection is not null)
        {
            await connection.CloseGracefullyAsync(new DisconnectPacket { ReasonCode = reasonCode }, new MqttConnectionException("disconnected by the client"), awaitServerClose: true).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        _session.Outgoing.Detach();
        if (_state != MqttConnectionState.Disconnected)
        {
            SetState(MqttConnectionState.Disconnected, null, null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _session.Outgoing.FailAll(new ObjectDisposedException(nameof(MqttClient)));
        _inbox.Writer.TryComplete();
    }

    private async Task<MqttSubscribeResult> SubscribeOnAsync(MqttConnection connection, IReadOnlyList<MqttTopicSubscription> subscriptions, CancellationToken cancellationToken)
    {
        var packetId = _session.PacketIds.Rent();
        try
        {
            var subAck = await connection.RequestAsync(new SubscribePacket { PacketId = packetId, Subscriptions = subscriptions }, packetId, cancellationToken).ConfigureAwait(false);
            var items = new List<MqttSubscribeResultItem>(subscriptions.Count);
            for (var i = 0; i < subscriptions.Count; i++)
            {
                var code = i < subAck.ReasonCodes.Count ? subAck.ReasonCodes[i] : MqttReasonCode.UnspecifiedError;
                if (code < MqttReasonCode.UnspecifiedError)
                {
                    _session.Subscriptions.Add(subscriptions[i]);
                }

                items.Add(new MqttSubscribeResultItem(subscriptions[i], code));
            }

            return new MqttSubscribeResult(items, subAck.ReasonString);
        }
        finally
        {
            _session.PacketIds.Release(packetId);
        }
    }

    private static MqttConnectionException NotConnected() => new("the client is not connected");
}
