using System.Globalization;
using System.Net;
using System.Text.Json;

namespace WebKita.Api.Tests.Support;

public sealed record Alert(long Id, string Type, JsonElement Data);

/// <summary>A client's view of <c>GET /alerts/stream</c>: events one at a time, each read waiting at most the patience given.</summary>
public sealed class AlertStream(HttpResponseMessage response, StreamReader reader, TimeSpan patience) : IDisposable
{
    /// <summary>Opens the stream (from <paramref name="lastEventId"/> on, if given) and reads its opening comment.</summary>
    public static async Task<AlertStream> OpenAsync(WebKitaClient client, long? lastEventId, TimeSpan patience)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{client.Tenant}/alerts/stream");
        if (lastEventId is { } id)
        {
            request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        }

        var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/event-stream");
        var stream = new AlertStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()), patience);
        (await stream.ReadLineAsync()).Should().Be(": stream open", "the stream opens before any event, so events made after this line are not missed");
        return stream;
    }

    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(patience);
        return await reader.ReadLineAsync(timeout.Token);
    }

    /// <summary>The next event, skipping comments (heartbeats).</summary>
    public async Task<Alert> NextAsync()
    {
        var fields = new Dictionary<string, string>();
        while (await ReadLineAsync() is { } line)
        {
            if (line.Length == 0 && fields.Count > 0)
            {
                return new Alert(long.Parse(fields["id"], CultureInfo.InvariantCulture), fields["event"], JsonDocument.Parse(fields["data"]).RootElement);
            }

            if (line.Length > 0 && !line.StartsWith(':'))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                fields[line[..colon]] = line[(colon + 1)..].TrimStart();
            }
        }

        throw new EndOfStreamException("The alert stream ended.");
    }

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}
