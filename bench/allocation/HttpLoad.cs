using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using WebKita.Grains.Applications;

namespace WebKita.Bench.Allocation;

/// <summary>
/// The load generator: a fixed number of concurrent workers, each posting one application after
/// another over kept-alive connections, each with its own Idempotency-Key.
/// </summary>
public sealed class HttpLoad(HttpClient client, string applicationsPath, int calls, string keyPrefix = "http")
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private int _errors;

    public ApplicationAnswer?[] Answers { get; } = new ApplicationAnswer?[calls];

    public Latencies Latencies { get; } = new(calls);

    public int Errors => _errors;

    public async Task<TimeSpan> RunAsync(int concurrency, CancellationToken cancellationToken)
    {
        var next = -1;
        var uri = new Uri(applicationsPath, UriKind.Relative);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, calls)).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
            {
                await PostAsync(uri, i, cancellationToken);
            }
        }, cancellationToken)));
        return clock.Elapsed;
    }

    private async Task PostAsync(Uri uri, int i, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var child = Children.Number(i);
        var body = JsonSerializer.Serialize(new { child = new { child.FirstName, child.LastName, child.BirthDate, child.Grade } }, Json);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"{keyPrefix}-{i}");
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                Report($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
                return;
            }

            Answers[i] = await response.Content.ReadFromJsonAsync<ApplicationAnswer>(Json, cancellationToken);
            Latencies.Record(i, started);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Report($"{e.GetType().Name}: {e.Message}");
        }
    }

    private void Report(string message)
    {
        if (Interlocked.Increment(ref _errors) <= 5)
        {
            Console.WriteLine($"http: error {message}");
        }
    }
}

/// <summary>The part of the api's application response the checks need.</summary>
public sealed record ApplicationAnswer(Guid Id, ApplicationStatus Status, long Arrival);
