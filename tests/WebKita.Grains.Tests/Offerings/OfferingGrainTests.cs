using Microsoft.Extensions.DependencyInjection;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Grains.Tests.Cluster;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Grains.Tests.Offerings;

/// <summary>An offering's grain on a two-silo cluster: callers on both silos meet in one activation and one group commit.</summary>
public sealed class OfferingGrainTests : IAsyncLifetime
{
    private readonly GrainCluster _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task SendAsync_RushThroughBothSilos_OneActivationFillsCapacityExactlyInFewCommits()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        var terms = Examples.Terms(capacity: 50) with { Window = new RegistrationWindow(now.AddHours(-1), now.AddDays(1)) };
        (await Offering(0, id).SendAsync(new CreateOffering(terms))).Refusal.Should().BeNull();

        var replies = await Task.WhenAll(Enumerable.Range(1, 300).Select(n =>
            Offering(n % 2, id).SendAsync(new SubmitApplication(Examples.Child(n), $"key-{n}"))));

        replies.Should().OnlyContain(r => r.Refusal == null && r.Created);
        replies.Count(r => r.Application!.Status == ApplicationStatus.Accepted).Should().Be(50);
        replies.Count(r => r.Application!.Status == ApplicationStatus.Waitlisted).Should().Be(250);
        var stored = await _cluster.Store.ReadAsync(new GrainKey(Examples.Tenant.Value, GrainKinds.Offering, id), CancellationToken.None);
        var offering = GrainJson.Deserialize<Offering>(stored!.State);
        offering.Allocated.Should().Be(50);
        offering.Waitlist.Should().HaveCount(250);
        // Without one activation, the silos' commits would have raced and retried: far more versions.
        stored.Version.Should().BeInRange(2, 101);
        var activations = await _cluster.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        activations.Where(a => a.GrainId.Type.ToString()!.Contains("offering", StringComparison.OrdinalIgnoreCase)).Should().ContainSingle();
    }

    /// <summary>The grain as a caller on the given silo sees it.</summary>
    private IOfferingGrain Offering(int silo, Guid id) =>
        _cluster.Cluster.Silos[silo].ServiceProvider.GetRequiredService<IGrainFactory>().GetGrain<IOfferingGrain>(id, Examples.Tenant.Value);
}
