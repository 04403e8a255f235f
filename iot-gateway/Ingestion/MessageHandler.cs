using Microsoft.Extensions.Logging;
using WebKita.Broker;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Mqtt;
using WebKita.Mqtt.Receiving;
using WebKita.Silo.Devices;
using WebKita.Silo.Storage;

namespace WebKita.IotGateway.Ingestion;

/// <summary>
/// Handles one received message to the end: its effect (or its dead letter) is committed, the
/// device's ack is published, and only then is the message acknowledged to the broker. A store
/// failure is retried with backoff and the message stays unacknowledged meanwhile, so a crash at
/// any point leaves it with the broker for redelivery.
/// </summary>
public sealed class MessageHandler(
    IDeviceMessageSink sink,
    DeviceRegistry registry,
    IGrainStore store,
    IngestionOptions options,
    IngestionCounters counters,
    TimeProvider time,
    ILogger<MessageHandler> logger)
{
    /// <summary>
    /// Handles a run of one device's messages: the valid ones go to the domain together (one turn,
    /// one write of the device), then each message in arrival order is acknowledged, with its
    /// dead letter committed first if it has one.
    /// </summary>
    public async Task HandleAsync(MqttSessionClient client, IReadOnlyList<Delivery> run, CancellationToken cancellationToken)
    {
        var receivedAt = time.GetUtcNow();
        var refusedBeforeDomain = run.Any(d => !d.Topic.IsAck && (d.Topic.Problem is not null || d.Message.Payload.Length > options.MaxPayloadBytes));
        var owner = refusedBeforeDomain ? await OwnerAsync(run, cancellationToken) : null;
        var refusals = new (DeadLetter Letter, MqttApplicationMessageReceivedReasonCode ReasonCode)?[run.Count];
        var valid = new List<DeviceMessage>(run.Count);
        for (var i = 0; i < run.Count; i++)
        {
            var (message, topic) = run[i];
            refusals[i] = RefusalBeforeDomain(message, topic, owner, receivedAt);
            if (!topic.IsAck && refusals[i] is null)
            {
                valid.Add(new DeviceMessage(topic.DeviceId, topic.Channel!.Value, message.Payload, receivedAt));
            }
        }

        var outcomes = valid.Count == 0 ? [] : await WithRetryAsync(() => sink.ApplyAsync(valid, cancellationToken), valid[0].DeviceId, cancellationToken);
        var next = 0;
        for (var i = 0; i < run.Count; i++)
        {
            var (received, topic) = run[i];
            if (topic.IsAck)
            {
                // Our own acks match the subscription if the broker's ACL lets them through; they are not input.
                received.Acknowledge();
            }
            else if (refusals[i] is { } refusal)
            {
                await DeadLetterAsync(received, refusal.Letter, refusal.ReasonCode, cancellationToken);
            }
            else
            {
                switch (outcomes[next++])
                {
                    case DeviceMessageOutcome.Accepted { Acknowledgement: var ack }:
                        if (ack is not null)
                        {
                            await PublishAckAsync(client, topic.DeviceId, ack, cancellationToken);
                        }

                        received.Acknowledge();
                        counters.CountAccepted();
                        logger.LogDebug("accepted {Channel} from {DeviceId}", topic.Channel, topic.DeviceId);
                        break;
                    case DeviceMessageOutcome.Refused refused:
                        await DeadLetterAsync(received, DeadLetter.For(refused.Tenant, topic.DeviceId, received.Topic, refused.Reason, refused.Detail, received.Payload, receivedAt), MqttApplicationMessageReceivedReasonCode.PayloadFormatInvalid, cancellationToken);
                        break;
                    case var other:
                        throw new InvalidOperationException($"unknown outcome {other.GetType().Name}");
                }
            }
        }
    }

    /// <summary>
    /// The tenant of the run's device (a run is one device's messages), so that a letter refused
    /// before the domain sees it is still filed where the county looks (GET /dead-letters); null
    /// only when no county registered the device.
    /// </summary>
    private async Task<string?> OwnerAsync(IReadOnlyList<Delivery> run, CancellationToken cancellationToken)
    {
        var deviceId = run.Select(d => d.Topic.DeviceId).FirstOrDefault(Broker.DeviceTopics.IsValidDeviceId);
        return deviceId is null ? null : await WithRetryAsync(() => registry.OwnerOfAsync(deviceId, cancellationToken).AsTask(), deviceId, cancellationToken);
    }

    /// <summary>A message refused before the domain sees it (not a device topic, too large), or null.</summary>
    private (DeadLetter Letter, MqttApplicationMessageReceivedReasonCode ReasonCode)? RefusalBeforeDomain(MqttReceivedMessage message, DeviceTopic topic, string? owner, DateTimeOffset receivedAt) => topic switch
    {
        { IsAck: true } => null,
        { Problem: { } problem } => (DeadLetter.For(owner, topic.DeviceId, message.Topic, problem, $"not a device topic (sue/v1/{{deviceId}}/report|telemetry|status): {message.Topic}", message.Payload, receivedAt), MqttApplicationMessageReceivedReasonCode.TopicNameInvalid),
        _ when message.Payload.Length > options.MaxPayloadBytes =>
            (DeadLetter.For(owner, topic.DeviceId, message.Topic, "payload.too_large", $"{message.Payload.Length} bytes, at most {options.MaxPayloadBytes}", message.Payload, receivedAt), MqttApplicationMessageReceivedReasonCode.PayloadFormatInvalid),
        _ => null,
    };

    private async Task DeadLetterAsync(MqttReceivedMessage received, DeadLetter letter, MqttApplicationMessageReceivedReasonCode reasonCode, CancellationToken cancellationToken)
    {
        await WithRetryAsync(async () =>
        {
            await store.AddDeadLetterAsync(letter, cancellationToken);
            return true;
        }, letter.DeviceId, cancellationToken);
        // The reason code tells the broker the message was refused; it still counts as delivered.
        received.Acknowledge(reasonCode);
        counters.CountDeadLetter();
        logger.LogWarning("dead letter from {DeviceId} on {Topic}: {Reason} ({Detail}), tenant {Tenant}", letter.DeviceId, letter.Topic, letter.Reason, letter.Detail, letter.Tenant ?? "unknown");
    }

    private async Task PublishAckAsync(MqttSessionClient client, string deviceId, string ack, CancellationToken cancellationToken)
    {
        var result = await client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(DeviceTopics.Ack(deviceId))
                .WithPayload(System.Text.Encoding.UTF8.GetBytes(ack))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                .WithContentType("application/json")
                .Build(),
            cancellationToken);
        if (!result.IsSuccess)
        {
            // The effect is committed; a kiosk that misses its ack asks again with the same message id and gets it again.
            logger.LogWarning("ack to {DeviceId} refused by the broker: {ReasonCode}", deviceId, result.ReasonCode);
        }
    }

    private async Task<T> WithRetryAsync<T>(Func<Task<T>> attempt, string deviceId, CancellationToken cancellationToken)
    {
        var delay = options.RetryInitialDelay;
        while (true)
        {
            try
            {
                return await attempt();
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                counters.CountRetry();
                logger.LogWarning("message from {DeviceId} not committed ({Error}); not acknowledged, retrying in {Delay} ms", deviceId, e.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryMaximumDelay.Ticks));
            }
        }
    }
}
