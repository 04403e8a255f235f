using WebKita.Testing.ApiProcesses;

namespace WebKita.Bench.Failover;

/// <summary>
/// What the store holds after a run, read back through a surviving process, against every answer
/// the load got: <see cref="Lost"/> 2xx answers whose application is not stored as answered,
/// <see cref="Duplicated"/> children stored more than once in one offering, <see cref="Overbooked"/>
/// places given beyond an offering's capacity (summed over offerings, also from the offering's own count).
/// </summary>
public sealed record StoreCheck(int Stored, int Lost, int Duplicated, int Overbooked, int StoredUnanswered)
{
    public static async Task<StoreCheck> RunAsync(
        HttpClient client, IReadOnlyList<Guid> offerings, int capacity, IEnumerable<(Guid Offering, Submission Answer)> answers, CancellationToken cancellationToken)
    {
        var answered = answers.Where(a => a.Answer.IsSuccess).ToLookup(a => a.Offering, a => a.Answer.Application!);
        int stored = 0, lost = 0, duplicated = 0, overbooked = 0, unanswered = 0;
        foreach (var offering in offerings)
        {
            var applications = await Bookings.ListAsync(client, offering, cancellationToken);
            var counts = await Bookings.OfferingAsync(client, offering, cancellationToken);
            var byId = applications.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
            stored += applications.Length;
            lost += answered[offering].Count(a => !byId.TryGetValue(a.Id, out var s) || s.Status != a.Status || s.Arrival != a.Arrival);
            duplicated += applications.Length - applications.Select(a => a.ChildFirstName).Distinct().Count();
            overbooked += Math.Max(0, Math.Max(applications.Count(a => a.Status == "Accepted"), counts.Allocated) - capacity);
            unanswered += byId.Keys.Except(answered[offering].Select(a => a.Id)).Count();
        }

        return new StoreCheck(stored, lost, duplicated, overbooked, unanswered);
    }

    public override string ToString() =>
        $"store holds {Stored} applications; lost {Lost}, duplicated {Duplicated}, overbooked {Overbooked}, stored but never answered {StoredUnanswered}";
}
