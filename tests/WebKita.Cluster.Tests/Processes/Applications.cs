using WebKita.Testing.ApiProcesses;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>A rush of paper applications through a cluster, and what the store must hold afterwards.</summary>
public static class Applications
{
    /// <summary>
    /// Child <c>i</c> of <paramref name="applicants"/> applies once with a key of its own, first at
    /// process <c>i % processes</c>, at most <paramref name="inFlight"/> at once; answers by child.
    /// <paramref name="onAnswer"/> sees each answer as it arrives; its caller sends nothing more until it completes.
    /// </summary>
    public static async Task<Submission[]> RushAsync(
        BalancedBooking booking, Guid offeringId, int applicants, int inFlight, CancellationToken cancellationToken, Func<Submission, Task>? onAnswer = null)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var answers = new Submission[applicants];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, applicants),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                answers[i] = await booking.SubmitAsync(offeringId, i, $"{run}-{i}", i, token);
                if (onAnswer is not null)
                {
                    await onAnswer(answers[i]);
                }
            });
        return answers;
    }

    /// <summary>
    /// Every 2xx answer is stored exactly once, as answered; nothing else is stored; no more places
    /// than the capacity are given, in arrival order; the waitlist counts 1, 2, 3 … in arrival
    /// order; the offering's own counts agree with its applications.
    /// </summary>
    public static async Task ShouldBeStoredOnceAsync(HttpClient client, Guid offeringId, IReadOnlyCollection<Submission> answers, int capacity, CancellationToken cancellationToken)
    {
        var stored = await Bookings.ListAsync(client, offeringId, cancellationToken);
        var answered = answers.Where(a => a.IsSuccess).Select(a => a.Application!).ToList();

        stored.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        stored.Select(a => a.ChildFirstName).Should().OnlyHaveUniqueItems("one application per child");
        answered.Select(a => (a.Id, a.Status, a.Arrival)).Should().BeSubsetOf(stored.Select(a => (a.Id, a.Status, a.Arrival)), "every answer is durable, as answered");
        stored.Select(a => a.Id).Should().BeSubsetOf(answered.Select(a => a.Id), "nothing is stored that was not answered");
        var accepted = stored.Where(a => a.Status == "Accepted").OrderBy(a => a.Arrival).ToList();
        var waitlisted = stored.Where(a => a.Status == "Waitlisted").OrderBy(a => a.Arrival).ToList();
        accepted.Should().HaveCount(Math.Min(capacity, stored.Length), "never over capacity, and no place left empty");
        (accepted.Count + waitlisted.Count).Should().Be(stored.Length);
        if (waitlisted.Count > 0)
        {
            accepted[^1].Arrival.Should().BeLessThan(waitlisted[0].Arrival, "first come, first served");
        }

        waitlisted.Select(a => a.WaitlistPosition).Should().Equal(Enumerable.Range(1, waitlisted.Count).Select(i => (int?)i));
        (await Bookings.OfferingAsync(client, offeringId, cancellationToken)).Should().Be(
            new OfferingCounts(capacity, "Open", accepted.Count, capacity - accepted.Count, waitlisted.Count));
    }
}
