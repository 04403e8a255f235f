using System.Net;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using Xunit.Abstractions;

namespace WebKita.Api.Tests.Guarantees;

/// <summary>Two api processes with their silos on one PostgreSQL database, booking the same offering at once.</summary>
public sealed class TwoSiloTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PerHost = 400;
    private const int Capacity = 150;
    private const int InFlight = 64;

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
        using var first = _first!.CreateApiClient();
        using var second = _second!.CreateApiClient();
        var offering = await first.CreateOpenOfferingAsync(Capacity);
        (await second.GetOfferingAsync(offering.Id)).Id.Should().Be(offering.Id, "both hosts must see one store");
        var run = Children.NewRun();

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rushes = await Task.WhenAll(
            new Rush().RunAsync(PerHost, InFlight, (i, ct) => first.SubmitAsync(offering.Id, Children.Numbered(i), Children.Key(run, i), ct)),
            new Rush().RunAsync(PerHost, InFlight, (i, ct) => second.SubmitAsync(offering.Id, Children.Numbered(PerHost + i), Children.Key(run, PerHost + i), ct)));

        output.WriteLine($"{2 * PerHost} submissions through two hosts in {clock.Elapsed.TotalSeconds:F2} s: {2 * PerHost / clock.Elapsed.TotalSeconds:F0} requests/s");
        var answers = rushes.SelectMany(a => a).ToList();
        answers.Where(a => a.Status != HttpStatusCode.Created).Should().BeEmpty();
        var stored = await first.ListApplicationsAsync(offering.Id);
        stored.Should().HaveCount(2 * PerHost);
        stored.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        stored.Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, 2 * PerHost).Select(i => (long)i));
        stored.Should().BeEquivalentTo(answers.Select(a => a.Application), o => o.Excluding(a => a!.WaitlistPosition), "every answer is what the store holds");
        stored.Where(a => a.Status == ApplicationStatus.Allocated).Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, Capacity).Select(i => (long)i));
        stored.Where(a => a.Status == ApplicationStatus.Waitlisted).Select(a => a.WaitlistPosition).Should().Equal(Enumerable.Range(1, 2 * PerHost - Capacity).Select(i => (int?)i));
        (await second.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = Capacity, FreePlaces = 0, Waitlisted = 2 * PerHost - Capacity });

        // Interleaved arrivals show the hosts really competed rather than ran one after the other.
        var firstArrivals = rushes[0].Select(a => a.Application!.Arrival).ToList();
        (firstArrivals.Max() - firstArrivals.Min() + 1).Should().BeGreaterThan(PerHost);
    }
}
