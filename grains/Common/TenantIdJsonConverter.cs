using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Grains.Common;

/// <summary>
/// A tenant id is stored as its string, whatever options the grain storage uses: System.Text.Json
/// would otherwise build the struct with its default constructor and lose the value.
/// </summary>
public sealed class TenantIdJsonConverter : JsonConverter<TenantId>
{
    public override TenantId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString() ?? throw new JsonException("A tenant id must be a string."));

    public override void Write(Utf8JsonWriter writer, TenantId value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
