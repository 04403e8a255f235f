using System.Diagnostics;

namespace WebKita.Testing.ApiProcesses;

/// <summary>How long bookings took to succeed again after one process was killed, from the recorded attempts.</summary>
public static class Recovery
{
    /// <summary>
    /// Per offering: the time from the kill (<paramref name="killedAt"/>, a <see cref="Stopwatch"/>
    /// timestamp) until the answer of the first successful attempt sent after the kill after which
    /// no attempt on a surviving process failed; null when bookings never succeeded again. Attempts
    /// on the killed process do not count: a load balancer takes a dead process out.
    /// </summary>
    public static IReadOnlyDictionary<Guid, TimeSpan?> PerOffering(IEnumerable<Attempt> attempts, int killed, long killedAt) =>
        attempts.Where(a => a.Process != killed).GroupBy(a => a.OfferingId).ToDictionary(g => g.Key, g =>
        {
            var lastFailure = g.Where(a => !a.Succeeded && a.Answered >= killedAt).Select(a => a.Sent).DefaultIfEmpty(killedAt - 1).Max();
            var first = g.Where(a => a.Succeeded && a.Sent > lastFailure && a.Sent >= killedAt).Select(a => a.Answered).DefaultIfEmpty(long.MinValue).Min();
            return first == long.MinValue ? (TimeSpan?)null : Stopwatch.GetElapsedTime(killedAt, first);
        });
}
