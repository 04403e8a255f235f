using System.Net;
using System.Text.Json;
using WebKita.Api.Applications;

namespace WebKita.Api.Tests.Support;

/// <summary>What a submission got back: the status, the application when there is one, and what a retrying client reads.</summary>
public sealed record Answer(HttpStatusCode Status, ApplicationResponse? Application, string? RetryAfter, string? ContentType, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    public static async Task<Answer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var application = response.IsSuccessStatusCode ? JsonSerializer.Deserialize<ApplicationResponse>(body, ApiJson.Options) : null;
        return new Answer(
            response.StatusCode,
            application,
            response.Headers.RetryAfter?.ToString(),
            response.Content.Headers.ContentType?.MediaType,
            body);
    }

    public override string ToString() => $"{(int)Status} {Body}";
}
