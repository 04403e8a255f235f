using System.Text.Json;

namespace WebKita.Broker;

/// <summary>One entry of a dynamic-security response: the command, its error (null on success), and our correlation data.</summary>
internal sealed record CommandResponse(string Command, string? Error, string? Correlation)
{
    public static IReadOnlyList<CommandResponse> Parse(ReadOnlySpan<byte> payload)
    {
        using var document = JsonDocument.Parse(payload.ToArray());
        if (!document.RootElement.TryGetProperty("responses", out var responses) || responses.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return [.. responses.EnumerateArray().Select(r => new CommandResponse(
            Text(r, "command") ?? "",
            Text(r, "error"),
            Text(r, "correlationData")))];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
