using Npgsql;
using WebKita.Api.Tests.Defects;
using WebKita.Api.Tests.Support;

namespace WebKita.Api.Tests.Alerts;

public sealed class AlertStreamTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Stream_NewTicketInOwnBuilding_ArrivesAndOtherBuildingsDoNot()
    {
        var mine = await SueWorld.CreateAsync(api, "stream-mine");
        var theirs = await SueWorld.CreateAsync(api, "stream-theirs");
        using var stream = await OpenAsync(mine.Manager, null);

        await theirs.ReportAsync(api, "kiosk:t:1");
        var number = await mine.ReportAsync(api, "kiosk:m:1");
        var alert = await stream.NextAsync();

        alert.Type.Should().Be("sue.ticket.opened");
        alert.Data.GetProperty("number").GetString().Should().Be(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        alert.Data.GetProperty("buildingId").GetString().Should().Be(mine.Building.Id.ToString());
    }

    [Fact]
    public async Task Stream_ReconnectWithLastEventId_ResumesAfterIt()
    {
        var world = await SueWorld.CreateAsync(api, "stream-resume");
        long first;
        using (var stream = await OpenAsync(world.Manager, null))
        {
            await world.ReportAsync(api, "kiosk:r:1");
            first = (await stream.NextAsync()).Id;
        }

        var second = await world.ReportAsync(api, "kiosk:r:2", Grains.Defects.DefectCategory.Electrical);
        using var resumed = await OpenAsync(world.Manager, first);
        var alert = await resumed.NextAsync();

        alert.Id.Should().BeGreaterThan(first);
        alert.Data.GetProperty("number").GetString().Should().Be(second.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Stream_EarlierSequenceCommitsAfterALaterOne_StillArrives()
    {
        var world = await SueWorld.CreateAsync(api, "stream-late");
        using var stream = await OpenAsync(world.Manager, null);
        await using var connection = new NpgsqlConnection(api.Factory.ConnectionString);
        await connection.OpenAsync();
        await using var slow = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO outbox (tenant, type, grain_id, occurred_at, payload) VALUES ($1, 'sue.test.late', $2, now(), $3)", connection, slow))
        {
            insert.Parameters.Add(new() { Value = SueWorld.Tenant.Value });
            insert.Parameters.Add(new() { Value = Guid.NewGuid() });
            insert.Parameters.Add(new() { Value = "{\"buildingId\":\"" + world.Building.Id + "\"}" });
            await insert.ExecuteNonQueryAsync();
        }

        await world.ReportAsync(api, "kiosk:late:1");
        var later = await stream.NextAsync();
        await slow.CommitAsync();
        var earlier = await stream.NextAsync();

        later.Type.Should().Be("sue.ticket.opened");
        earlier.Type.Should().Be("sue.test.late");
        earlier.Id.Should().BeLessThan(later.Id, "its sequence was taken first and committed last");
    }

    private static Task<AlertStream> OpenAsync(WebKitaClient client, long? lastEventId) => AlertStream.OpenAsync(client, lastEventId, Patience);
}
