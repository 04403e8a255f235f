using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Api.Hosting;

/// <summary>
/// Lottery numbers are 64-bit: above 2^53 a JavaScript number (browsers, jq) loses digits, and a
/// family could not check its draw against the published seed. The api writes every unsigned
/// 64-bit number as a decimal string and reads either form. Only the HTTP wire format changes;
/// grain state is stored as before. Stateless; thread-safe.
/// </summary>
public sealed class LotteryNumberAsString : JsonConverter<ulong>
{
    public override ulong Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetUInt64();
        }

        return Utf8Parser.TryParse(reader.ValueSpan, out ulong value, out var consumed) && consumed == reader.ValueSpan.Length
            ? value
            : throw new JsonException("Expected an unsigned 64-bit number as a decimal string.");
    }

    public override void Write(Utf8JsonWriter writer, ulong value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));
}
