using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using WebKita.Silo.Devices;
using WebKita.Silo.Storage;

namespace WebKita.IotGateway.Ingestion;

/// <summary>
/// A stand-in for the domain's sink (<c>Ingestion:Sink=Marker</c>), for tests and the benchmark
/// until the domain's sink is wired: each message with a <c>messageId</c> commits one marker grain
/// keyed by device and message id, so a repeat finds it and has no second effect. Reports get an ack.
/// </summary>
public sealed class MarkerSink(IGrainStore store, IngestionOptions options) : IDeviceMessageSink
{
    public const string Tenant = "ingest-marker";
    public const string Kind = "device-message";

    public async Task<DeviceMessageOutcome> ApplyAsync(DeviceMessage message, CancellationToken cancellationToken)
    {
        string? messageId;
        try
        {
            using var document = JsonDocument.Parse(message.Payload);
            messageId = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("messageId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException e)
        {
            return new DeviceMessageOutcome.Refused(null, "payload.invalid_json", e.Message);
        }

        if (string.IsNullOrEmpty(messageId))
        {
            return new DeviceMessageOutcome.Refused(null, "payload.missing_message_id", "messageId (a string) is required");
        }

        var key = new GrainKey(Tenant, Kind, IdOf(message.DeviceId, messageId));
        var state = JsonSerializer.Serialize(new { device = message.DeviceId, messageId, channel = message.Channel.ToString(), gateway = options.ClientId });
        try
        {
            await store.CommitAsync(new ChangeSet([new GrainWrite(key, 0, state)], [], [], []), cancellationToken);
        }
        catch (StaleWriteException)
        {
            // Already there: a redelivery. Same answer as the first time.
        }

        return new DeviceMessageOutcome.Accepted(message.Channel == DeviceChannel.Report ? JsonSerializer.Serialize(new { messageId, status = "accepted" }) : null);
    }

    public static Guid IdOf(string deviceId, string messageId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{deviceId}\n{messageId}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
