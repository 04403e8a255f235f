using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using WebKita.Grains.Buildings;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;

namespace WebKita.Silo.Devices;

/// <summary>
/// Reads the payloads of docs/iot-topics.md. Every way a payload can be wrong has a stable reason
/// code, thrown as <see cref="PayloadException"/> and turned into a dead letter by the sink.
/// </summary>
internal static class DevicePayloads
{
    public const int MaxPayloadBytes = 16 * 1024;
    public const int MaxIdLength = 64;
    public static readonly TimeSpan MaxClockAhead = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(7);

    public static JsonDocument Parse(DeviceMessage message)
    {
        if (message.Payload.Length > MaxPayloadBytes)
        {
            throw new PayloadException("payload.too_large", $"The payload has {message.Payload.Length} bytes; at most {MaxPayloadBytes} are taken.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.Payload, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            throw new PayloadException("payload.invalid_json", $"The payload is not JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new PayloadException("payload.invalid_json", "The payload must be a JSON object.");
        }

        var hasId = document.RootElement.TryGetProperty("deviceId", out var id) && id.ValueKind == JsonValueKind.String;
        if (!hasId || !id.ValueEquals(message.DeviceId))
        {
            var deviceId = hasId ? id.GetString() : null;
            document.Dispose();
            throw new PayloadException("device.mismatch", $"The topic names device '{message.DeviceId}' but the payload '{deviceId}': topic and credentials disagree.");
        }

        return document;
    }

    public static (string MessageId, DateTimeOffset At, IReadOnlyList<Reading> Readings) Telemetry(JsonElement root, DateTimeOffset receivedAt)
    {
        var messageId = Id(root, "messageId");
        var at = Timestamp(root, receivedAt) ?? throw Invalid("timestamp", "is required");
        if (!root.TryGetProperty("measurements", out var values) || values.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("measurements", "must be an object of measurement names and values");
        }

        var readings = new List<Reading>();
        foreach (var property in values.EnumerateObject())
        {
            if (!Measurements.TryParse(property.Name, out var measurement))
            {
                throw new PayloadException("payload.unknown_measurement", $"'{property.Name}' is not one of {string.Join(", ", Measurements.Codes)}.");
            }

            double value = property.Value.ValueKind switch
            {
                JsonValueKind.Number => property.Value.GetDouble(),
                JsonValueKind.True when measurement == Measurement.WaterLeak => 1,
                JsonValueKind.False when measurement == Measurement.WaterLeak => 0,
                _ => throw Invalid(property.Name, measurement == Measurement.WaterLeak ? "must be true or false" : "must be a number"),
            };
            if (!Measurements.InRange(measurement, value))
            {
                var (min, max) = Measurements.Range(measurement);
                throw new PayloadException("payload.value_out_of_range", $"{property.Name} {value.ToString(CultureInfo.InvariantCulture)} is outside {min} to {max}.");
            }

            if (Reading.Of(readings, measurement) is not null)
            {
                throw Invalid(property.Name, "appears twice");
            }

            readings.Add(new Reading(measurement, value));
        }

        return readings.Count == 0 ? throw Invalid("measurements", "must name at least one measurement") : (messageId, at, readings);
    }

    public static (string ReportId, DefectCategory Category, string Text, string? Room, ImmutableList<string> Attachments) Report(JsonElement root)
    {
        var reportId = Id(root, "reportId");
        if (!DefectCategories.TryParse(OptionalString(root, "category"), out var category))
        {
            throw new PayloadException("payload.unknown_category", $"category must be one of {string.Join(", ", DefectCategories.Codes)}.");
        }

        var text = OptionalString(root, "text") ?? "";
        if (text.Length > DefectReport.MaxTextLength)
        {
            throw new PayloadException("payload.text_too_long", $"text has {text.Length} characters; at most {DefectReport.MaxTextLength} are taken.");
        }

        var room = OptionalString(root, "room");
        if (room is not null && !Building.IsRoomCode(room))
        {
            throw Invalid("room", "must be a room code of the building");
        }

        var attachments = ImmutableList<string>.Empty;
        if (root.TryGetProperty("attachments", out var list) && list.ValueKind != JsonValueKind.Null)
        {
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > DefectReport.MaxAttachments
                || list.EnumerateArray().Any(a => a.ValueKind != JsonValueKind.String || a.GetString() is not { Length: >= 1 and <= DefectReport.MaxAttachmentLength }))
            {
                throw Invalid("attachments", $"must be at most {DefectReport.MaxAttachments} references of 1 to {DefectReport.MaxAttachmentLength} characters");
            }

            attachments = [.. list.EnumerateArray().Select(a => a.GetString()!)];
        }

        return (reportId, category, text, room, attachments);
    }

    public static (bool Online, DateTimeOffset? At) Status(JsonElement root, DateTimeOffset receivedAt) => OptionalString(root, "status") switch
    {
        "online" => (true, Timestamp(root, receivedAt)),
        "offline" => (false, Timestamp(root, receivedAt)),
        _ => throw Invalid("status", "must be \"online\" or \"offline\""),
    };

    private static string Id(JsonElement root, string name) =>
        OptionalString(root, name) is { Length: >= 1 and <= MaxIdLength } id && id.All(c => c is > ' ' and <= '~')
            ? id
            : throw Invalid(name, $"must be 1 to {MaxIdLength} visible ASCII characters");

    private static DateTimeOffset? Timestamp(JsonElement root, DateTimeOffset receivedAt)
    {
        if (OptionalString(root, "timestamp") is not { } text)
        {
            return null;
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            throw Invalid("timestamp", "must be an ISO 8601 time such as 2026-11-23T08:15:00Z");
        }

        return at > receivedAt + MaxClockAhead || at < receivedAt - MaxAge
            ? throw new PayloadException("payload.timestamp_out_of_range", $"timestamp {text} is more than {MaxClockAhead} ahead of or {MaxAge} behind the gateway's clock.")
            : at;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw Invalid(name, "must be a string");

    private static PayloadException Invalid(string field, string problem) => new("payload.invalid", $"{field} {problem}.");
}
