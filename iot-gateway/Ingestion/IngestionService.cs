using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using WebKita.Broker;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;

namespace WebKita.IotGateway.Ingestion;

/// <summary>
/// Takes device messages from the broker's shared subscription with a persistent session and hands
/// them to <see cref="MessageHandler"/>: each device's in order, different devices' at once
/// (<see cref="DeviceLanes{T}"/>). At most <see cref="IngestionOptions.InHand"/> are in hand: beyond
/// that the gateway stops reading, the client stops reading the socket once Receive Maximum messages
/// are unacknowledged, and TCP pushes back on the broker. Stopping finishes what the lanes hold, then disconnects; whatever
/// was not acknowledged stays in the session for the next start. Gateways sharing a client id connect
/// one at a time (<see cref="GatewaySessionLease"/>): the others stand by and take the session over.
/// </summary>
public sealed class IngestionService(
    BrokerOptions broker,
    IngestionOptions options,
    MessageHandler handler,
    GatewaySessionLease lease,
    IngestionCounters counters,
    IHostApplicationLifetime lifetime,
    ILogger<IngestionService> logger) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopReading = new();
    private readonly CancellationTokenSource _abort = new();
    private readonly RedeliveryGuard _guard = new(Grains.Devices.MessageIdRing.Capacity);
    private MqttSessionClient? _client;
    private Task _run = Task.CompletedTask;
    private readonly Lock _stop = new();
    private Task? _stopping;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _run = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <remarks>
    /// A host run by <c>app.Run()</c> stops itself when its application stops, also when someone else
    /// is already stopping it (WebApplicationFactory does), and disposes its services right after.
    /// Every caller waits for the one stop, so none of them disposes the store under the lease release.
    /// </remarks>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stop)
        {
            return _stopping ??= StopOnceAsync(cancellationToken);
        }
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        logger.LogInformation("ingestion stopping: finishing messages in hand");
        await _stopReading.CancelAsync();
        try
        {
            await _run.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of time: abandon what is left unacknowledged; the broker redelivers it.
            await _abort.CancelAsync();
            await _run;
        }

        if (_client is { } client)
        {
            await client.DisconnectAsync(CancellationToken.None);
            await lease.ReleaseAsync(CancellationToken.None);
        }

        logger.LogInformation("ingestion stopped: {Counters}", counters);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync();
        }

        _stopReading.Dispose();
        _abort.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await lease.WaitUntilHeldAsync(_stopReading.Token);
            var keeping = Task.Run(() => lease.KeepAsync(_stopReading.Token), CancellationToken.None);
            var client = await ConnectAsync(_stopReading.Token);
            _client = client;
            var lanes = new DeviceLanes<Delivery>(options.InHand, run => HandleAsync(client, run));
            // Reading starts before subscribing: a kept session delivers its backlog at once, and
            // the SUBACK queues behind it; unread, the backlog would hold the SUBACK back forever.
            var dispatching = Task.Run(() => DispatchAsync(client, lanes), CancellationToken.None);
            var reporting = Task.Run(ReportProgressAsync, CancellationToken.None);
            await SubscribeAsync(client, _stopReading.Token);
            logger.LogInformation(
                "ingestion running: client {ClientId} on {Broker}, {Subscription}, up to {InHand} messages in hand",
                client.ClientId, broker.ToString(), DeviceTopics.SharedSubscription, options.InHand);
            await dispatching;
            await lanes.DrainedAsync();
            await reporting;
            await keeping;
        }
        catch (OperationCanceledException) when (_stopReading.IsCancellationRequested)
        {
            // Stopped before the first connection.
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "ingestion failed");
            throw;
        }
    }

    private async Task HandleAsync(MqttSessionClient client, IReadOnlyList<Delivery> run)
    {
        try
        {
            await _guard.HandleAsync(run[0].Topic.DeviceId, run, part => handler.HandleAsync(client, part, _abort.Token), _abort.Token);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Out of time while stopping: left unacknowledged for the broker to deliver again.
        }
        catch (Exception e)
        {
            // A bug, not a bad message (those are dead letters): an unacknowledged message would
            // hold back every acknowledgement after it, so stop and let a restart take over.
            logger.LogCritical(e, "handling {Count} messages on {Topic} failed; the gateway stops", run.Count, run[0].Message.Topic);
            lifetime.StopApplication();
        }
    }

    private async Task DispatchAsync(MqttSessionClient client, DeviceLanes<Delivery> lanes)
    {
        try
        {
            await foreach (var received in client.Messages.ReadAllAsync(_stopReading.Token))
            {
                var topic = DeviceTopic.Parse(received.Topic);
                await lanes.EnqueueAsync(topic.DeviceId, new Delivery(received, topic), _stopReading.Token);
            }
        }
        catch (OperationCanceledException) when (_stopReading.IsCancellationRequested)
        {
            // Stopping: what is in hand is finished; the rest stays unacknowledged with the broker.
        }
    }

    private async Task ReportProgressAsync()
    {
        using var timer = new PeriodicTimer(options.ProgressInterval);
        var last = -1L;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopReading.Token))
            {
                if (counters.Handled != last)
                {
                    last = counters.Handled;
                    logger.LogInformation("ingestion progress: {Counters}", counters);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping; the final counters are logged by StopAsync.
        }
    }

    private async Task SubscribeAsync(MqttSessionClient client, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            try
            {
                var subscribed = await client.SubscribeAsync(DeviceTopics.SharedSubscription, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
                if (subscribed.IsGranted())
                {
                    return;
                }

                logger.LogError("the broker refused the subscription {Subscription}: {ReasonCode}", DeviceTopics.SharedSubscription, subscribed.Items.First().ResultCode);
            }
            catch (MqttCommunicationException e)
            {
                logger.LogWarning("subscribing failed: {Error}", e.Message);
            }

            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }

    private async Task<MqttSessionClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (true)
        {
            var client = new MqttSessionClient(new MqttConnectionOptions
            {
                Host = broker.Host,
                Port = broker.Port,
                ClientId = options.ClientId,
                Username = broker.GatewayUser,
                Password = broker.GatewayPassword,
                CleanStart = false,
                SessionExpiryInterval = options.SessionExpirySeconds,
                ReceiveMaximum = options.ReceiveMaximum,
                KeepAlive = TimeSpan.FromSeconds(30),
                Reconnect = new MqttReconnectOptions { BeforeAttempt = lease.WaitUntilHeldAsync },
            });
            client.ConnectionStateChanged += (_, e) => logger.LogInformation("mqtt {State}: {Reason}", e.State, e.Reason?.Message ?? "ok");
            try
            {
                var connected = await client.ConnectAsync(cancellationToken);
                if (connected.IsSuccess())
                {
                    logger.LogInformation("connected to {Broker}, session {Session}", broker.ToString(), connected.IsSessionPresent ? "resumed" : "new");
                    return client;
                }

                logger.LogError("the broker refused the gateway's connection: {ReasonCode}", connected.ResultCode);
            }
            catch (MqttCommunicationException e)
            {
                logger.LogWarning("broker {Broker} unreachable: {Error}", broker.ToString(), e.Message);
            }

            await client.DisposeAsync();
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
        }
    }
}
