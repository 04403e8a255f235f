using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Silo.Runtime;

/// <summary>
/// Stores a list of ids as one base64 string of their 16-byte forms: a hot offering's waitlist is
/// rewritten at every commit, and this is about half the size of a JSON array of id strings and
/// parses as a single value. Reads the plain array form too.
/// </summary>
internal sealed class CompactGuidListConverter : JsonConverter<ImmutableList<Guid>>
{
    private const int GuidSize = 16;

    public override ImmutableList<Guid> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            return [.. JsonSerializer.Deserialize<Guid[]>(ref reader, options) ?? []];
        }

        var bytes = reader.GetBytesFromBase64();
        if (bytes.Length % GuidSize != 0)
        {
            throw new JsonException($"A compact id list has {bytes.Length} bytes, not a multiple of {GuidSize}.");
        }

        var builder = ImmutableList.CreateBuilder<Guid>();
        for (var offset = 0; offset < bytes.Length; offset += GuidSize)
        {
            builder.Add(new Guid(bytes.AsSpan(offset, GuidSize)));
        }

        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableList<Guid> value, JsonSerializerOptions options)
    {
        var bytes = new byte[value.Count * GuidSize];
        var offset = 0;
        foreach (var id in value)
        {
            id.TryWriteBytes(bytes.AsSpan(offset, GuidSize));
            offset += GuidSize;
        }

        writer.WriteBase64StringValue(bytes);
    }
}
