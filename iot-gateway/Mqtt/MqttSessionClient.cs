using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Packets;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Receiving;

namespace WebKita.Mqtt;

/// <summary>
/// Our layer around MQTTnet's client, which in version 5 neither stays connected nor orders
/// manual acknowledgements. After <see cref="ConnectAsync"/> succeeds a lost connection is
/// re-established with exponential backoff and jitter, subscriptions are renewed when the broker
/// kept no session, and a watchdog pings the broker to notice a silent one. Received messages are
/// read from <see cref="Messages"/> (handed on: MQTTnet calls its handler one message at a time)
/// and acknowledged by the application; PUBACKs leave in arrival order whatever order the
/// application acknowledges in, and at most <see cref="MqttConnectionOptions.ReceiveMaximum"/>
/// unacknowledged messages are held. All members are thread-safe.
/// </summary>
public sealed partial class MqttSessionClient : IAsyncDisposable
{
    private static readonly TimeSpan RoomCheck = TimeSpan.FromMilliseconds(100);
    private readonly MqttConnectionOptions _options;
    private readonly TimeProvider _time;
    private readonly MqttClientFactory _factory = new(new MqttNetNullLogger(), new ReadAheadAdapterFactory());
    private readonly Channel<MqttReceivedMessage> _inbox = Channel.CreateUnbounded<MqttReceivedMessage>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly SubscriptionRegistry _subscriptions = new();
    private readonly ReconnectBackoff _backoff;
    private readonly Lock _gate = new();
    private TaskCompletionSource<MqttLink> _nextLink = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private MqttLink? _link;
    private CancellationTokenSource? _supervision;
    private Task _supervisor = Task.CompletedTask;
    private bool _everConnected;

    public MqttSessionClient(MqttConnectionOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = timeProvider ?? TimeProvider.System;
        _backoff = new ReconnectBackoff(options.Reconnect);
    }

    /// <summary>Raised on the thread that changed the state; handlers should return quickly, and exceptions they throw are ignored.</summary>
    public event EventHandler<MqttConnectionStateChangedEventArgs>? ConnectionStateChanged;

    public MqttConnectionState State { get; private set; }

    public string ClientId => _options.ClientId;

    /// <summary>The seed of the reconnect jitter, to replay a run.</summary>
    public int JitterSeed => _backoff.Seed;

    /// <summary>QoS 1/2 messages of the current connection received and not yet acknowledged on the wire; never more than Receive Maximum.</summary>
    public int HeldMessages => _link?.Acknowledgements.Held ?? 0;

    /// <summary>Received messages in arrival order, across reconnects; bounded for QoS 1/2 by Receive Maximum.</summary>
    public ChannelReader<MqttReceivedMessage> Messages => _inbox.Reader;

    /// <summary>
    /// Connects once and, if the broker accepts, keeps the client connected until
    /// <see cref="DisconnectAsync"/>. A refusal is returned as a result; transport failures throw
    /// MQTTnet's <see cref="MqttCommunicationException"/>.
    /// </summary>
    public async Task<MqttClientConnectResult> ConnectAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (State != MqttConnectionState.Disconnected)
            {
                throw new InvalidOperationException($"ConnectAsync called while {State}");
            }
        }

        SetState(MqttConnectionState.Connecting, null, null);
        MqttLink? link;
        MqttClientConnectResult result;
        try
        {
            (link, result) = await OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            SetState(MqttConnectionState.Disconnected, e, null);
            throw;
        }

        if (link is null)
        {
            SetState(MqttConnectionState.Disconnected, new MqttCommunicationException($"the broker refused the connection: {result.ResultCode}"), result);
            return result;
        }

        var supervision = new CancellationTokenSource();
        lock (_gate)
        {
            _supervision = supervision;
        }

        Attach(link, result);
        _supervisor = Task.Run(() => SuperviseAsync(link, supervision.Token), CancellationToken.None);
        return result;
    }

    /// <summary>
    /// Publishes on the current connection. While the client reconnects the publish waits for the
    /// next connection; a connection lost mid-publish sends it again on the next one (QoS 1: at least once).
    /// </summary>
    public async Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        while (true)
        {
            var link = await CurrentLinkAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await link.Client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
                link.Heard(_time.GetTimestamp());
                return result;
            }
            catch (Exception e) when (IsConnectionFailure(e) && !cancellationToken.IsCancellationRequested)
            {
                link.MarkLost(e);
            }
        }
    }

    public Task<MqttClientSubscribeResult> SubscribeAsync(string topicFilter, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce, CancellationToken cancellationToken = default) =>
        SubscribeAsync(new MqttTopicFilterBuilder().WithTopic(topicFilter).WithQualityOfServiceLevel(qos).Build(), cancellationToken);

    /// <summary>Subscribes; a granted subscription is renewed automatically after a reconnect that found no session.</summary>
    public async Task<MqttClientSubscribeResult> SubscribeAsync(MqttTopicFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var link = _link ?? throw new MqttClientNotConnectedException();
        return await SubscribeOnAsync(link, [filter], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stops reconnecting, sends the acknowledgements already released and waits until the broker
    /// has read them (a ping round trip), then DISCONNECT.
    /// Unacknowledged messages are delivered again in the next session, if it is kept.
    /// </summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
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

        var link = Interlocked.Exchange(ref _link, null);
        if (link is not null)
        {
            await link.CloseAsync(clean: true, _options.ConnectTimeout).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (State != MqttConnectionState.Disconnected)
        {
            SetState(MqttConnectionState.Disconnected, null, null);
        }

        lock (_gate)
        {
            _nextLink.TrySetException(new MqttClientNotConnectedException());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await DisconnectAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
    }

    /// <summary>Hands a message on without waiting for the application; holds it only while fewer than Receive Maximum are held.</summary>
    private async Task OnReceivedAsync(MqttLink link, MqttApplicationMessageReceivedEventArgs received)
    {
        link.Heard(_time.GetTimestamp());
        var message = received.ApplicationMessage;
        if (message.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtMostOnce)
        {
            _inbox.Writer.TryWrite(new MqttReceivedMessage(message));
            return;
        }

        received.AutoAcknowledge = false;
        var room = link.Acknowledgements.WaitForRoomAsync(_options.ReceiveMaximum);
        while (!room.IsCompleted)
        {
            // MQTTnet waits for this handler before it reports a lost connection, so the wait
            // must notice the loss itself rather than wait for the report.
            await Task.WhenAny(room, Task.Delay(RoomCheck, _time)).ConfigureAwait(false);
            if (link.IsLost)
            {
                return;
            }
        }

        if (link.Acknowledgements.Enqueue(received) is { } acknowledgement)
        {
            _inbox.Writer.TryWrite(new MqttReceivedMessage(message, acknowledgement, link));
        }
    }

    private async Task<MqttLink> CurrentLinkAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task<MqttLink> next;
            lock (_gate)
            {
                if (_link is { IsLost: false } link)
                {
                    return link;
                }

                if (State == MqttConnectionState.Disconnected)
                {
                    throw new MqttClientNotConnectedException();
                }

                next = _nextLink.Task;
            }

            await next.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<MqttClientSubscribeResult> SubscribeOnAsync(MqttLink link, IReadOnlyList<MqttTopicFilter> filters, CancellationToken cancellationToken)
    {
        var options = new MqttClientSubscribeOptions();
        foreach (var filter in filters)
        {
            options.TopicFilters.Add(filter);
        }

        var result = await link.Client.SubscribeAsync(options, cancellationToken).ConfigureAwait(false);
        link.Heard(_time.GetTimestamp());
        foreach (var item in result.Items)
        {
            if (item.ResultCode <= MqttClientSubscribeResultCode.GrantedQoS2)
            {
                _subscriptions.Add(item.TopicFilter);
            }
        }

        return result;
    }

    private static bool IsConnectionFailure(Exception e) =>
        e is MqttCommunicationException or MqttClientNotConnectedException or ObjectDisposedException or OperationCanceledException;

    private void SetState(MqttConnectionState state, Exception? reason, MqttClientConnectResult? connectResult)
    {
        State = state;
        try
        {
            ConnectionStateChanged?.Invoke(this, new MqttConnectionStateChangedEventArgs(state, reason, connectResult));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A throwing handler must not stop the reconnect loop that raised the event.
        }
    }
}
