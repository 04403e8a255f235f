using System.Net;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using Xunit.Abstractions;

namespace WebKita.Api.Tests.Guarantees;

/// <summary>Two api processes with their silos on one PostgreSQL database, booking the same offering at once.</summary>
[Collection(AloneCollection.Name)]
public sealed class TwoSiloTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PerHost = 400;
    private const int Capacity = 150;
    private const int InFlight = 128;

    private WebKitaApiFactory? _first;
    private WebKitaApiFactory? _second;

    public async Task InitializeAsync()
    {
        _first = await WebKitaApiFactory.CreateAsync();
        _second = new WebKitaApiFactory(_first.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await _first!.DisposeAsync();
        await _second!.DisposeAsync();
    }

    [Fact]
    public async Task Submit_TwoHostsRushSameOffering_NeverOverCapacityAndNoLostUpdate()
    {
        using var admin = await _first!.CreateAdminClientAsync();
        var (offering, staff) = await admin.CreateStaffedOfferingAsync(Capacity);
        var token = await _first.SignInAsync(staff);
        using var first = _first.CreateApiClient(token);
        using var second = _second!.CreateApiClient(token); // a token from one host is honoured by the other
        (await second.GetOfferingAsync(offering.Id)).Id.Should().Be(offering.Id, "both hosts must see one store");
        var run = Children.NewRun();

        // One bounded pool alternates between the hosts, so neither can finish before the other
        // starts: with both busy throughout, every commit races the other host's.
        var clients = new[] { first, second };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var answers = await new Rush().RunAsync(2 * PerHost, InFlight, (i, ct) => clients[i % 2].SubmitAsync(offering.Id, Children.Numbered(i), Children.Key(run, i), ct));
        output.WriteLine($"{2 * PerHost} submissions through two hosts in {clock.Elapsed.TotalSeconds:F2} s: {2 * PerHost / clock.Elapsed.TotalSeconds:F0} requests/s");

        answers.Where(a => a.Status != HttpStatusCode.Created).Should().BeEmpty();
        var stored = await first.ListApplicationsAsync(offering.Id);
        stored.Should().HaveCount(2 * PerHost);
        stored.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        stored.Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, 2 * PerHost).Select(i => (long)i));
        stored.Select(a => (a.Id, a.Status, a.Arrival, a.ChildFirstName)).OrderBy(a => a.Id)
            .Should().Equal(answers.Select(a => a.Application!).Select(a => (a.Id, a.Status, a.Arrival, a.ChildFirstName)).OrderBy(a => a.Id), "every answer is what the store holds");
        stored.Where(a => a.Status == ApplicationStatus.Accepted).Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, Capacity).Select(i => (long)i));
        stored.Where(a => a.Status == ApplicationStatus.Waitlisted).Select(a => a.WaitlistPosition).Should().Equal(Enumerable.Range(1, 2 * PerHost - Capacity).Select(i => (int?)i));
        (await second.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = Capacity, FreePlaces = 0, Waitlisted = 2 * PerHost - Capacity });

        // Interleaved arrivals show the hosts really competed rather than took turns.
        foreach (var host in new[] { 0, 1 })
        {
            var arrivals = answers.Where((_, i) => i % 2 == host).Select(a => a.Application!.Arrival).ToList();
            (arrivals.Max() - arrivals.Min() + 1).Should().BeGreaterThan(PerHost, "host {0} must not have booked alone", host);
        }
    }
}
