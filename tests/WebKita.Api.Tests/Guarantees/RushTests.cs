using System.Diagnostics;
using System.Net;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using Xunit.Abstractions;

namespace WebKita.Api.Tests.Guarantees;

/// <summary>Opening minute of a popular offering: thousands of families at once, over HTTP.</summary>
[Collection(AloneCollection.Name)]
public sealed class RushTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Families = 2_000;
    private const int Capacity = 100;
    private const int InFlight = 96;
    private const int Repeats = 300;

    private WebKitaApiFactory? _factory;

    private WebKitaApiFactory Factory => _factory!;

    public async Task InitializeAsync() => _factory = await WebKitaApiFactory.CreateAsync();

    public async Task DisposeAsync() => await Factory.DisposeAsync();

    [Fact]
    public async Task Submit_2000ConcurrentFamiliesFor100Places_FirstHundredArrivalsAllocatedRestWaitlistedWithoutGaps()
    {
        using var admin = await Factory.CreateAdminClientAsync();
        var (offering, staff) = await admin.CreateStaffedOfferingAsync(Capacity);
        using var client = Factory.CreateApiClient(await Factory.SignInAsync(staff)); // the school's office enters paper applications
        var run = Children.NewRun();
        var rush = new Rush();

        var clock = Stopwatch.StartNew();
        var answers = await rush.RunAsync(Families, InFlight, (i, ct) => client.SubmitAsync(offering.Id, Children.Numbered(i), Children.Key(run, i), ct));
        clock.Stop();
        output.WriteLine($"{Families} submissions in {clock.Elapsed.TotalSeconds:F2} s: {Families / clock.Elapsed.TotalSeconds:F0} requests/s, {rush.PeakInFlight} in flight at peak");

        rush.PeakInFlight.Should().BeGreaterThan(InFlight / 2, "the requests must really overlap");
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().BeEmpty();
        var applications = answers.Select(a => a.Application!).ToList();
        applications.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        applications.Count(a => a.Status == ApplicationStatus.Accepted).Should().Be(Capacity);
        applications.Count(a => a.Status == ApplicationStatus.Waitlisted).Should().Be(Families - Capacity);
        applications.Where(a => a.Status == ApplicationStatus.Accepted).Select(a => a.Arrival).Order().Should().Equal(Enumerable.Range(1, Capacity).Select(i => (long)i));
        applications.Select(a => a.Arrival).Order().Should().Equal(Enumerable.Range(1, Families).Select(i => (long)i));
        applications.Where(a => a.Status == ApplicationStatus.Waitlisted).Select(a => a.WaitlistPosition!.Value).Order()
            .Should().Equal(Enumerable.Range(1, Families - Capacity));
        applications.Where(a => a.Status == ApplicationStatus.Waitlisted).Should().OnlyContain(a => a.WaitlistPosition == a.Arrival - Capacity);

        var stored = await client.ListApplicationsAsync(offering.Id);
        stored.Should().Equal(applications.OrderBy(a => a.Arrival), "the store holds exactly what was answered");
        (await client.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = Capacity, FreePlaces = 0, Waitlisted = Families - Capacity });

        // Families whose answer was lost retry with the same key: same application, nothing new.
        var repeated = Enumerable.Range(0, Repeats).Select(i => i * Families / Repeats).ToArray();
        var repeats = await new Rush().RunAsync(Repeats, InFlight, (r, ct) => client.SubmitAsync(offering.Id, Children.Numbered(repeated[r]), Children.Key(run, repeated[r]), ct));

        repeats.Where(a => a.Status != HttpStatusCode.OK).Should().BeEmpty();
        repeats.Select(a => a.Application).Should().Equal(repeated.Select(i => applications[i]));
        (await client.ListApplicationsAsync(offering.Id)).Should().HaveCount(Families);
        (await client.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = Capacity, FreePlaces = 0, Waitlisted = Families - Capacity });
    }
}
