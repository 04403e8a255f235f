using System.Net;
using System.Text.Json;

namespace WebKita.Api.Tests.Support;

/// <summary>An RFC 7807 problem as a client reads it: status, title, the "code" extension and field errors.</summary>
public sealed record Problem(int Status, string? Title, string? Code, IReadOnlyDictionary<string, string[]> Errors)
{
    public const string MediaType = "application/problem+json";

    /// <summary>Reads a problem response; fails the test when the response is not one with <paramref name="expected"/> as its status.</summary>
    public static async Task<Problem> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be(MediaType, body);
        return Parse(body);
    }

    public static Problem Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var errors = root.TryGetProperty("errors", out var e)
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray())
            : [];
        return new Problem(
            root.GetProperty("status").GetInt32(),
            root.TryGetProperty("title", out var title) ? title.GetString() : null,
            root.TryGetProperty("code", out var code) ? code.GetString() : null,
            errors);
    }
}
