using WebKita.Grains.Defects;
using WebKita.Silo.Defects;
using WebKita.Testing;
using static WebKita.Silo.Tests.Devices.SueSilo;

namespace WebKita.Silo.Tests.Defects;

/// <summary>
/// A kiosk's photo slot takes one photo for good: the same upload key from two silos on one
/// PostgreSQL store (the second with a cold cache) or twice in one turn attaches one photo.
/// </summary>
public sealed class PhotoUploadOnceTests : IAsyncLifetime
{
    private const string UploadKey = "kiosk-photo:k-1:1:r-1";
    private readonly ManualTimeProvider _time = new(T0);
    private string _database = "";
    private Devices.SueSilo _silo = null!;

    public async Task InitializeAsync()
    {
        _database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        _silo = await StartAsync(_database, _time);
        (await _silo.Get<TicketDesk>().ReportAsync(Tenant, SchoolId, BuildingId, "A1.12", new DefectReport("kiosk:k-1:r-1", DefectCategory.Heating, null, "kalt", [], "kiosk"), default))
            .Value!.Result.Should().Be(ReportResult.Opened);
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    private static Task<WebKita.Grains.Common.Outcome<DeskDecision>> AttachAsync(Devices.SueSilo silo, string photo) =>
        silo.Get<TicketDesk>().AttachPhotoAsync(Tenant, 1, UploadKey, photo, default);

    [Fact]
    public async Task AttachPhoto_SameUploadKeyTwiceInOneTurn_OnePhoto()
    {
        var both = await Task.WhenAll(AttachAsync(_silo, "photo:a"), AttachAsync(_silo, "photo:b"));

        both.Select(o => o.Value!.Result).Should().BeEquivalentTo(new ReportResult?[] { null, ReportResult.Repeated });
        (await _silo.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value.Ticket.Attachments.Should().ContainSingle();
        (await _silo.Get<TicketDesk>().IsFiledAsync(Tenant, UploadKey, default)).Should().BeTrue();
    }

    [Fact]
    public async Task AttachPhoto_SameUploadKeyFromASecondSilo_RepeatedWithoutASecondPhoto()
    {
        (await AttachAsync(_silo, "photo:a")).Value!.Result.Should().BeNull();

        await using var other = await StartAsync(_database, _time);
        var again = await AttachAsync(other, "photo:b");

        again.Value!.Result.Should().Be(ReportResult.Repeated);
        (await other.Get<TicketDesk>().FindAsync(Tenant, 1, default))!.Value.Ticket.Attachments.Should().Equal("photo:a");
        (await _silo.Get<TicketDesk>().IsFiledAsync(Tenant, "kiosk-photo:k-1:2:r-1", default)).Should().BeFalse();
    }
}
