using System.Diagnostics;
using System.Net;
using WebKita.Testing.ApiProcesses;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>
/// The process whose silo holds the offering's activation is SIGKILLed in the middle of a rush;
/// families retry with their key on the other processes, as behind a load balancer.
/// </summary>
public sealed class SiloKilledMidRushTests(ProcessCluster processes, ITestOutputHelper output) : ProcessClusterTest(processes, output)
{
    private const int Applicants = 900;
    private const int Capacity = 300;
    private const int InFlight = 96;
    private const int KillAfterAnswers = 300;

    // Fast failure detection declares a dead silo in about 2 s (SERVICES.md); well beyond that is a failure.
    private static readonly TimeSpan RecoveryBound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Rush_HostOfOfferingKilled_EveryAnswerStoredOnceAndGrainMovesToSurvivor()
    {
        var offeringId = await County.CreateOfferingAsync(Cluster, Capacity, DateTimeOffset.UtcNow.AddMinutes(-1), Deadline);
        var booking = new BalancedBooking(County.StaffClients(Cluster, InFlight), TimeSpan.FromSeconds(40));
        var answered = 0;
        var killNow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var kill = KillHostAsync(offeringId, booking, killNow.Task);

        // From the kill's answer on, callers send again only once the host is dead: finding the
        // host takes a moment, in which the rest of the rush could otherwise finish uninterrupted.
        var answers = await Applications.RushAsync(booking, offeringId, Applicants, InFlight, Deadline, async _ =>
        {
            if (Interlocked.Increment(ref answered) >= KillAfterAnswers)
            {
                killNow.TrySetResult();
                await kill;
            }
        });
        var (killed, killedAt) = await kill;

        answers.Where(a => !a.IsSuccess).Select(a => $"{(int)a.Status} {a.Problem}").Should().BeEmpty("every family gets an answer, from a survivor if need be");
        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.Created || a.Status == HttpStatusCode.OK);
        booking.Attempts.Count(a => a.Sent > killedAt && a.Succeeded).Should().BeGreaterThan(0, "the kill must interrupt the rush");
        var recovery = Recovery.PerOffering(booking.Attempts, killed, killedAt)[offeringId];
        var failures = booking.Attempts.Count(a => !a.Succeeded);
        Output.WriteLine($"killed process {killed} (holding the offering); bookings succeeded again {recovery?.TotalMilliseconds:F0} ms after the kill; {failures} failed attempts retried, {answers.Count(a => a.Status == HttpStatusCode.OK)} retries found their committed application");
        recovery.Should().NotBeNull().And.BeLessThan(RecoveryBound);
        booking.Attempts.Where(a => a.Process != killed && !a.Succeeded).Select(a => a.Status).Should().OnlyContain(
            status => status == (int)HttpStatusCode.ServiceUnavailable, "a survivor answers a call it could not finish with 503 and Retry-After, never as a bug");
        var survivor = Reader();
        await Applications.ShouldBeStoredOnceAsync(survivor, offeringId, answers, Capacity, Deadline);
        (await Bookings.ListAsync(survivor, offeringId, Deadline)).Should().HaveCount(Applicants, "every child retried to an answer");
        var activations = await OfferingActivationsAsync(offeringId);
        activations.Should().ContainSingle().Which.Should().NotBe(killed, "the grain came back on a surviving silo");
    }

    /// <summary>Once <paramref name="now"/> completes: finds the slot holding the offering, SIGKILLs it, and takes it out of <paramref name="booking"/>.</summary>
    private async Task<(int Slot, long KilledAt)> KillHostAsync(Guid offeringId, BalancedBooking booking, Task now)
    {
        await now.WaitAsync(Deadline);
        var host = (await OfferingActivationsAsync(offeringId)).Should().ContainSingle("the rush activated the offering once").Subject;
        var killedAt = Stopwatch.GetTimestamp();
        await Cluster.KillAsync(host);
        booking.MarkDown(host);
        return (host, killedAt);
    }
}
