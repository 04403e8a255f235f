using Microsoft.Extensions.Logging;
using WebKita.Broker;
using WebKita.Mqtt;
using WebKita.Mqtt.Packets;
using WebKita.Mqtt.Publishing;
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
    IGrainStore store,
    IngestionOptions options,
    IngestionCounters counters,
    TimeProvider time,
    ILogger<MessageHandler> logger)
{
    public async Task HandleAsync(MqttClient client, MqttReceivedMessage received, CancellationToken cancellationToken)
    {
        var message = received.Message;
        var receivedAt = time.GetUtcNow();
        var topic = DeviceTopic.Parse(message.Topic);
        if (topic.IsAck)
        {
            // Our own acks match the subscription if the broker's ACL lets them through; they are not input.
            received.Acknowledge();
            return;
        }

        if (topic.Problem is { } problem)
        {
            await DeadLetterAsync(received, DeadLetter.For(null, topic.DeviceId, message.Topic, problem, $"not a device topic (sue/v1/{{deviceId}}/report|telemetry|status): {message.Topic}", message.Payload, receivedAt), MqttReasonCode.TopicNameInvalid, cancellationToken);
            return;
        }

        if (message.Payload.Length > options.MaxPayloadBytes)
        {
            await DeadLetterAsync(received, DeadLetter.For(null, topic.DeviceId, message.Topic, "payload.too_large", $"{message.Payload.Length} bytes, at most {options.MaxPayloadBytes}", message.Payload, receivedAt), MqttReasonCode.PayloadFormatInvalid, cancellationToken);
            return;
        }

        var deviceMessage = new DeviceMessage(topic.DeviceId, topic.Channel!.Value, message.Payload, receivedAt);
        var outcome = await WithRetryAsync(() => sink.ApplyAsync(deviceMessage, cancellationToken), topic.DeviceId, cancellationToken);
        switch (outcome)
        {
            case DeviceMessageOutcome.Accepted accepted:
                if (accepted.Acknowledgement is { } ack)
                {
                    await PublishAckAsync(client, topic.DeviceId, ack, cancellationToken);
                }

                received.Acknowledge();
                counters.CountAccepted();
                logger.LogDebug("accepted {Channel} from {DeviceId}", topic.Channel, topic.DeviceId);
                break;
            case DeviceMessageOutcome.Refused refused:
                await DeadLetterAsync(received, DeadLetter.For(refused.Tenant, topic.DeviceId, message.Topic, refused.Reason, refused.Detail, message.Payload, receivedAt), MqttReasonCode.PayloadFormatInvalid, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"unknown outcome {outcome.GetType().Name}");
        }
    }

    private async Task DeadLetterAsync(MqttReceivedMessage received, DeadLetter letter, MqttReasonCode reasonCode, CancellationToken cancellationToken)
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

    private async Task PublishAckAsync(MqttClient client, string deviceId, string ack, CancellationToken cancellationToken)
    {
        var result = await client.PublishAsync(
            new MqttApplicationMessage
            {
                Topic = DeviceTopics.Ack(deviceId),
                Payload = System.Text.Encoding.UTF8.GetBytes(ack),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                PayloadIsUtf8 = true,
                ContentType = "application/json",
            },
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
