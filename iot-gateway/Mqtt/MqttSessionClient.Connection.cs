using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Exceptions;
using WebKita.Mqtt.Connecting;

namespace WebKita.Mqtt;

/// <summary>Opening connections, the keep-alive watchdog, and reconnecting after a loss.</summary>
public sealed partial class MqttSessionClient
{
    private static readonly MqttClientConnectResultCode[] PermanentRefusals =
    [
        MqttClientConnectResultCode.UnsupportedProtocolVersion, MqttClientConnectResultCode.ClientIdentifierNotValid,
        MqttClientConnectResultCode.BadUserNameOrPassword, MqttClientConnectResultCode.NotAuthorized,
        MqttClientConnectResultCode.Banned, MqttClientConnectResultCode.BadAuthenticationMethod,
    ];

    /// <summary>One connection attempt with a fresh MQTTnet client; the link is null when the broker refused.</summary>
    private async Task<(MqttLink? Link, MqttClientConnectResult Result)> OpenAsync(CancellationToken cancellationToken)
    {
        var client = _factory.CreateMqttClient();
        var link = new MqttLink(client, _time.GetTimestamp());
        client.ApplicationMessageReceivedAsync += received => OnReceivedAsync(link, received);
        client.DisconnectedAsync += disconnected =>
        {
            link.MarkLost(disconnected.Exception ?? new MqttCommunicationException($"the broker closed the connection: {disconnected.Reason}"));
            return Task.CompletedTask;
        };
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithClientId(_options.ClientId)
            .WithCleanStart(_options.CleanStart && !_everConnected)
            .WithSessionExpiryInterval(_options.SessionExpiryInterval)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithReceiveMaximum(_options.ReceiveMaximum)
            .WithTimeout(_options.ConnectTimeout);
        if (_options.Username is not null)
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(_options.ConnectTimeout);
            var options = builder.Build();
            // MQTTnet closes its socket with linger 0, a reset: the broker then drops what it has
            // not read yet, the last PUBACKs and the DISCONNECT among them (seen in the broker's
            // log as "closed its connection" without "Received DISCONNECT"). A normal close
            // delivers them.
            ((MqttClientTcpOptions)options.ChannelOptions).LingerState = new System.Net.Sockets.LingerOption(false, 0);
            var result = await client.ConnectAsync(options, deadline.Token).ConfigureAwait(false);
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                return (link, result);
            }

            client.Dispose();
            return (null, result);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Makes the link current and starts its watchdog; renewing subscriptions is the caller's.</summary>
    private void Attach(MqttLink link, MqttClientConnectResult result)
    {
        _everConnected = true;
        TaskCompletionSource<MqttLink> announced;
        lock (_gate)
        {
            _link = link;
            announced = _nextLink;
            _nextLink = new TaskCompletionSource<MqttLink>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        if (_options.KeepAlive > TimeSpan.Zero)
        {
            _ = Task.Run(() => WatchAsync(link), CancellationToken.None);
        }

        SetState(MqttConnectionState.Connected, null, result);
        announced.TrySetResult(link);
    }

    /// <summary>
    /// Declares the connection lost after a keep-alive interval in which nothing came from the
    /// broker, and pings after half an interval of silence (checked every eighth, so noticed within
    /// 1.125 keep-alives). Anything heard counts, not only the ping's answer: a busy broker answers
    /// a ping only after the packets queued before it, which can take longer than any ping timeout
    /// while acknowledgements keep arriving. MQTTnet's own keep-alive pings only after our side was
    /// silent and ends quietly when its ping times out, so it never notices a frozen broker.
    /// </summary>
    private async Task WatchAsync(MqttLink link)
    {
        var keepAlive = _options.KeepAlive;
        Task ping = Task.CompletedTask;
        while (true)
        {
            var tick = Task.Delay(keepAlive / 8, _time);
            if (await Task.WhenAny(tick, link.Lost).ConfigureAwait(false) != tick)
            {
                return;
            }

            var silent = _time.GetElapsedTime(link.LastHeard);
            if (silent >= keepAlive)
            {
                link.MarkLost(new MqttKeepAliveTimeoutException($"nothing from the broker for {silent.TotalSeconds:0.#} s (keep-alive {keepAlive.TotalSeconds:0.#} s)"));
                return;
            }

            if (silent >= keepAlive / 2 && ping.IsCompleted)
            {
                ping = PingAsync(link, keepAlive);
            }
        }
    }

    private async Task PingAsync(MqttLink link, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout, _time);
        try
        {
            await link.PingAsync(deadline.Token).ConfigureAwait(false);
            link.Heard(_time.GetTimestamp());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not the verdict: the silence is (WatchAsync).
        }
    }

    private async Task SuperviseAsync(MqttLink link, CancellationToken stop)
    {
        while (true)
        {
            Exception reason;
            try
            {
                reason = await link.Lost.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await link.CloseAsync(clean: false, TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            lock (_gate)
            {
                if (_link == link)
                {
                    _link = null;
                }
            }

            if (!_options.Reconnect.Enabled)
            {
                SetState(MqttConnectionState.Disconnected, reason, null);
                lock (_gate)
                {
                    _nextLink.TrySetException(new MqttClientNotConnectedException());
                }

                return;
            }

            SetState(MqttConnectionState.Reconnecting, reason, null);
            var next = await ReconnectAsync(stop).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            link = next;
        }
    }

    private async Task<MqttLink?> ReconnectAsync(CancellationToken stop)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Task.Delay(_backoff.DelayFor(attempt), _time, stop).ConfigureAwait(false);
                if (_options.Reconnect.BeforeAttempt is { } mayAttempt)
                {
                    await mayAttempt(stop).ConfigureAwait(false);
                }

                var (link, result) = await OpenAsync(stop).ConfigureAwait(false);
                if (link is not null)
                {
                    if (!result.IsSessionPresent && _subscriptions.Snapshot() is { Count: > 0 } lostSubscriptions)
                    {
                        // The broker kept no session (it was killed, or the session expired): subscribe again before
                        // anyone is told the client is back.
                        await SubscribeOnAsync(link, lostSubscriptions, stop).ConfigureAwait(false);
                    }

                    Attach(link, result);
                    return link;
                }

                var refusal = new MqttCommunicationException($"the broker refused the connection: {result.ResultCode}");
                if (PermanentRefusals.Contains(result.ResultCode))
                {
                    SetState(MqttConnectionState.Disconnected, refusal, result);
                    return null;
                }

                SetState(MqttConnectionState.Reconnecting, refusal, result);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                SetState(MqttConnectionState.Reconnecting, e, null);
            }
        }
    }
}
