using System.Diagnostics;
using System.Globalization;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;

namespace WebKita.Bench.Deadline;

/// <summary>
/// The in-process work of the run, replayed phase by phase after it (warm, on the same inputs and
/// seed), because the silo does not time its own phases: deserialising the submitted
/// applications, the allocation (deferred acceptance, explanations, the round's changes), and
/// serialising what the commit writes.
/// </summary>
public static class Replay
{
    public static void Print(AllocationRound before, IReadOnlyList<RankedApplication> stored, StatuteRules rules, string seed, DateTimeOffset now)
    {
        var submittedJson = stored.Select(a => GrainJson.Serialize(a with
        {
            Status = ApplicationStatus.Submitted,
            OfferingId = null,
            OfferExpiresAt = null,
            Ranking = null,
            ChangedAt = a.SubmittedAt,
        })).ToList();

        var clock = Stopwatch.StartNew();
        var submitted = submittedJson.Select(GrainJson.Deserialize<RankedApplication>).ToList();
        var deserialize = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var simulated = before.Simulate(submitted, rules, seed);
        var deferredAcceptance = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var change = before.Allocate(submitted, rules, seed, now) ?? throw new InvalidOperationException("The replay found the round allocated already.");
        var allocate = clock.Elapsed.TotalSeconds;

        clock.Restart();
        var chars = (long)GrainJson.Serialize(change.Round).Length;
        chars += change.Changed.Sum(a => (long)GrainJson.Serialize(a).Length);
        chars += change.Events.Sum(e => (long)GrainJson.Serialize(e.Data).Length);
        var serialize = clock.Elapsed.TotalSeconds;

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replay (warm, in process, after the run): deserialize {submitted.Count} applications {deserialize:F2} s, " +
            $"deferred acceptance with explanations (a dry run, {simulated.Placements.Count} placements) {deferredAcceptance:F2} s, the round's allocation (the same plus the changed applications and events) {allocate:F2} s, " +
            $"serialize {change.Changed.Count} applications + {change.Events.Count} events + round {serialize:F2} s ({chars / 1048576.0:F1} MB)"));
    }
}
