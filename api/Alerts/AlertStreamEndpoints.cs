using System.Globalization;
using System.Text.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Buildings;
using WebKita.Api.Problems;
using WebKita.Silo.Storage;

namespace WebKita.Api.Alerts;

public static class AlertStreamEndpoints
{
    public static void MapAlerts(this RouteGroupBuilder tenant)
    {
        // A facility manager's live view of new tickets, alarms and escalations in their buildings.
        var alerts = tenant.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/stream", Stream).RequireAuthorization(Policies.FacilityOrAdmin);
    }

    /// <summary>
    /// Server-sent events: "id" is the outbox sequence, so a client that reconnects with
    /// Last-Event-ID resumes where it left off, on any api process. Without it the stream starts
    /// with the next event. A comment line every <c>Alerts:HeartbeatSeconds</c> keeps proxies open.
    /// </summary>
    private static async Task<IResult> Stream(string tenant, HttpContext http, IGrainStore store, TimeProvider time, IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsIn(tenant))
        {
            return TypedResults.NotFound();
        }

        var poll = TimeSpan.FromMilliseconds(configuration.GetValue("Alerts:PollMilliseconds", 500));
        var heartbeat = TimeSpan.FromSeconds(configuration.GetValue("Alerts:HeartbeatSeconds", 15));
        var lastEventId = http.Request.Headers["Last-Event-ID"];
        long after;
        if (lastEventId.Count == 0)
        {
            after = await store.LastOutboxSequenceAsync(cancellationToken);
        }
        else if (!long.TryParse(lastEventId.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out after))
        {
            return RefusalResults.Invalid("Last-Event-ID", "must be the id of an event of this stream");
        }

        var cursor = new AlertCursor(store, tenant, after, time);

        http.Response.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync(": stream open\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
        var quietSince = time.GetUtcNow();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var sent = 0;
                foreach (var entry in await cursor.NextAsync(cancellationToken))
                {
                    if (IsFor(caller, tenant, entry))
                    {
                        await http.Response.WriteAsync($"id: {entry.Sequence}\nevent: {entry.Type}\ndata: {entry.Payload}\n\n", cancellationToken);
                        sent++;
                    }
                }

                if (sent == 0 && time.GetUtcNow() - quietSince >= heartbeat)
                {
                    await http.Response.WriteAsync(": heartbeat\n\n", cancellationToken);
                    sent++;
                }

                if (sent > 0)
                {
                    await http.Response.Body.FlushAsync(cancellationToken);
                    quietSince = time.GetUtcNow();
                }

                await Task.Delay(poll, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away.
        }

        return TypedResults.Empty;
    }

    /// <summary>Every alert names its building; a facility manager sees only those of their buildings.</summary>
    private static bool IsFor(Caller caller, string tenant, OutboxEntry entry)
    {
        using var payload = JsonDocument.Parse(entry.Payload);
        return payload.RootElement.TryGetProperty("buildingId", out var building)
            && Guid.TryParse(building.GetString(), out var buildingId)
            && caller.Oversees(tenant, buildingId);
    }
}
