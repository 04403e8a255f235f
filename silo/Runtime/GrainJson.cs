using System.Text.Json;
using System.Text.Json.Serialization;
using WebKita.Grains.Common;

namespace WebKita.Silo.Runtime;

/// <summary>How grain state is stored: web-style JSON with enum names, so rows stay readable in SQL.</summary>
public static class GrainJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Stored state '{json[..Math.Min(json.Length, 80)]}' is null.");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new TenantIdConverter());
        options.Converters.Add(new CompactGuidListConverter());
        return options;
    }

    private sealed class TenantIdConverter : JsonConverter<TenantId>
    {
        public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            new(reader.GetString() ?? throw new JsonException("A tenant id must be a string."));

        public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Value);
    }
}
