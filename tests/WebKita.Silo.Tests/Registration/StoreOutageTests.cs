using Npgsql;
using WebKita.Grains.Applications;
using WebKita.Silo.Registration;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// Nothing is answered before it is durable: with the database down a caller gets an
/// infrastructure failure, never a decision. Uses a server of its own, since it stops it.
/// </summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-0000000000cc");
    private readonly ManualTimeProvider _time = new(Silos.Start);
    private PostgresServer _server = null!;
    private NpgsqlDataSource _dataSource = null!;
    private SiloHandle _silo = null!;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        var store = Silos.Postgres(await _server.CreateDatabaseAsync(), out _dataSource);
        await store.MigrateAsync(default);
        var offerings = new EngineOfferings(store, _time, new SiloOptions());
        _silo = new SiloHandle(store, offerings, new RegistrationDirectory(store, offerings));
    }

    public async Task DisposeAsync()
    {
        await _silo.Offerings.DisposeAsync();
        await _dataSource.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_DatabaseStopped_ThrowsStoreUnavailableThenSucceedsOnceAfterRestart()
    {
        (await _silo.Registration.SendAsync(Silos.Tenant, OfferingId, new CreateOffering(Silos.Terms(capacity: 5)), default)).Refusal.Should().BeNull();
        _time.SetUtcNow(Silos.Opens);
        var submission = new SubmitApplication(Silos.Child(1), "idem-outage");

        await _server.StopAsync();
        var whileDown = () => _silo.Registration.SendAsync(Silos.Tenant, OfferingId, submission, default);

        await whileDown.Should().ThrowAsync<StoreUnavailableException>();
        (await _silo.Store.IsReachableAsync(default)).Should().BeFalse();

        await _server.StartAgainAsync();
        var reply = await _silo.Registration.SendAsync(Silos.Tenant, OfferingId, submission, default);

        reply.Refusal.Should().BeNull();
        reply.Created.Should().BeTrue();
        reply.Application!.Status.Should().Be(ApplicationStatus.Accepted);
        var applications = await _silo.Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default);
        applications.Should().ContainSingle().Which.Application.Id.Should().Be(reply.Application.Id);
        (await _silo.Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Arrivals.Should().Be(1);
    }

    private sealed record SiloHandle(IGrainStore Store, EngineOfferings Offerings, RegistrationDirectory Registration);
}
