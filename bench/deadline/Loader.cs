using System.Diagnostics;
using System.Globalization;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Rounds;

namespace WebKita.Bench.Deadline;

/// <summary>Submits every application through the silo from many callers at once, so the round's turns group-commit them.</summary>
public static class Loader
{
    public static async Task LoadAsync(RoundDirectory rounds, TenantId tenant, Guid roundId, IReadOnlyList<ApplicationForm> forms, int callers, CancellationToken cancellationToken)
    {
        var next = -1;
        var refused = 0;
        string? firstRefusal = null;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < forms.Count; i = Interlocked.Increment(ref next))
            {
                var reply = await rounds.SendAsync(tenant, roundId, new SubmitRankedApplication(forms[i], null), cancellationToken);
                if (reply.Refusal is { } refusal && Interlocked.Increment(ref refused) == 1)
                {
                    firstRefusal = $"{refusal.Code} {refusal.Message}";
                }
            }
        }, cancellationToken)));
        if (refused > 0)
        {
            throw new InvalidOperationException($"{refused} submissions were refused, the first: {firstRefusal}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {forms.Count} applications submitted through the silo by {callers} callers in {clock.Elapsed.TotalSeconds:F1} s (not part of the figure)"));
    }
}
