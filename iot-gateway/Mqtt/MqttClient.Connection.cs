using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Packets;

namespace WebKita.Mqtt;

/// <summary>Connecting, attaching the session to a connection, and reconnecting after a loss.</summary>
public sealed partial class MqttClient
{
    private static readonly MqttReasonCode[] PermanentRefusals =
    [
        MqttReasonCode.UnsupportedProtocolVersion, MqttReasonCode.ClientIdentifierNotValid, MqttReasonCode.BadUserNameOrPassword,
        MqttReasonCode.NotAuthorized, MqttReasonCode.Banned, MqttReasonCode.BadAuthenticationMethod,
    ];

    private ConnectPacket BuildConnect() => new()
    {
        ClientId = _clientId,
        CleanStart = _options.CleanStart && _lastConnect is null,
        KeepAliveSeconds = (ushort)Math.Min(ushort.MaxValue, _options.KeepAlive.TotalSeconds),
        Username = _options.Username,
        Password = _options.Password,
        SessionExpiryInterval = _options.SessionExpiryInterval,
        ReceiveMaximum = _options.ReceiveMaximum,
        MaximumPacketSize = (uint)_options.MaximumPacketSize,
        Will = _options.Will,
        UserProperties = _options.UserProperties,
    };

    /// <summary>Binds the session, starts the loops and renews subscriptions; a failure closes the connection, which the supervisor then handles.</summary>
    private async Task AttachAsync(MqttConnection connection, MqttConnectResult result)
    {
        if (result.AssignedClientId is { } assigned)
        {
            _clientId = assigned;
        }

        var keepAlive = result.ServerKeepAlive is { } serverKeepAlive ? TimeSpan.FromSeconds(serverKeepAlive) : _options.KeepAlive;
        _lastConnect = result;
        var dispatch = _session.Bind(connection, result.ConnAck);
        _connection = connection;
        connection.Start(dispatch, keepAlive);
        var subscriptions = _session.Subscriptions.Snapshot();
        if (!result.SessionPresent && subscriptions.Count > 0)
        {
            try
            {
                await SubscribeOnAsync(connection, subscriptions, CancellationToken.None).ConfigureAwait(false);
            }
            catch (MqttConnectionException)
            {
                return;
            }
        }

        SetState(MqttConnectionState.Connected, null, result);
    }

    private async Task SuperviseAsync(MqttConnection connection, CancellationToken stop)
    {
        while (true)
        {
            Exception reason;
            try
            {
                reason = await connection.Closed.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.CompareExchange(ref _connection, null, connection);
            _session.Outgoing.Detach();
            if (!_options.Reconnect.Enabled)
            {
                SetState(MqttConnectionState.Disconnected, reason, null);
                return;
            }

            SetState(MqttConnectionState.Reconnecting, reason, null);
            var next = await ReconnectAsync(stop).ConfigureAwait(false);
            if (next is null)
            {
                return;
            }

            connection = next;
        }
    }

    private async Task<MqttConnection?> ReconnectAsync(CancellationToken stop)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Task.Delay(_backoff.DelayFor(attempt), _time, stop).ConfigureAwait(false);
                var (connection, connAck) = await MqttConnection.OpenAsync(_options, BuildConnect(), _time, stop).ConfigureAwait(false);
                if (connAck.ReasonCode == MqttReasonCode.Success)
                {
                    await AttachAsync(connection, new MqttConnectResult(connAck)).ConfigureAwait(false);
                    return connection;
                }

                var refusal = new MqttConnectionException($"the server refused the connection: {connAck.ReasonCode}", connAck.ReasonCode);
                connection.Abort(refusal);
                if (PermanentRefusals.Contains(connAck.ReasonCode))
                {
                    SetState(MqttConnectionState.Disconnected, refusal, null);
                    return null;
                }

                SetState(MqttConnectionState.Reconnecting, refusal, null);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception exception) when (exception is MqttConnectionException or MqttProtocolException)
            {
                SetState(MqttConnectionState.Reconnecting, exception, null);
            }
        }
    }

    private void SetState(MqttConnectionState state, Exception? reason, MqttConnectResult? connectResult)
    {
        _state = state;
        try
        {
            ConnectionStateChanged?.Invoke(this, new MqttConnectionStateChangedEventArgs(state, reason, connectResult));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // A throwing handler must not stop the read loop or the reconnect loop that raised the event.
        }
    }
}
