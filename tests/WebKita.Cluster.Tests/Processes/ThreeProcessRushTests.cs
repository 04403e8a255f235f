using System.Net;
using WebKita.Testing.ApiProcesses;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Processes;

/// <summary>One first-come-first-served offering rushed through all three api processes at once.</summary>
public sealed class ThreeProcessRushTests(ProcessCluster processes, ITestOutputHelper output) : ProcessClusterTest(processes, output)
{
    private const int Applicants = 600;
    private const int Capacity = 150;
    private const int InFlight = 96;

    [Fact]
    public async Task Rush_ThroughThreeProcesses_NeverOverCapacityEveryAnswerStoredOnceOneActivation()
    {
        var offeringId = await County.CreateOfferingAsync(Cluster, Capacity, DateTimeOffset.UtcNow.AddMinutes(-1), Deadline);
        var booking = new BalancedBooking(County.StaffClients(Cluster, InFlight), TimeSpan.FromSeconds(30));

        var answers = await Applications.RushAsync(booking, offeringId, Applicants, InFlight, Deadline);

        answers.Should().OnlyContain(a => a.Status == HttpStatusCode.Created, "every child applies once, with a key of its own");
        booking.Attempts.Should().OnlyContain(a => a.Succeeded, "no process fails while all run");
        booking.Attempts.GroupBy(a => a.Process).Select(g => g.Count()).Should().Equal(Enumerable.Repeat(Applicants / Processes, Processes), "each process takes its third");
        await Applications.ShouldBeStoredOnceAsync(Reader(), offeringId, answers, Capacity, Deadline);
        (await OfferingActivationsAsync(offeringId)).Should().ContainSingle("Orleans keeps one activation of the offering in the cluster");
        var stored = await Bookings.ListAsync(Reader(), offeringId, Deadline);
        stored.Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, Applicants).Select(i => (long)i), "one arrival sequence, no gaps from retried commits");
    }
}
