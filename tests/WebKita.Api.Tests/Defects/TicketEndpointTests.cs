using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Defects;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Defects;

namespace WebKita.Api.Tests.Defects;

public sealed class TicketEndpointTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Workflow_ManagerOfTheBuilding_AcknowledgesStartsResolvesAndCloses()
    {
        var world = await SueWorld.CreateAsync(api, "workflow");
        var number = await world.ReportAsync(api, "kiosk:k1:r1");
        await world.ReportAsync(api, "kiosk:k2:r7"); // me too

        var listed = await ListAsync(world.Manager);
        var statuses = new List<string>();
        foreach (var action in new[] { "acknowledge", "start", "resolve", "close" })
        {
            statuses.Add((await ChangeStatusAsync(world.Manager, number, action, HttpStatusCode.OK)).Status);
        }

        listed.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Number = number, Category = "sanitary", Severity = "major", Status = "new", Reports = 2, Room = "EG.WC" });
        statuses.Should().Equal("acknowledged", "in_progress", "resolved", "closed");
        var closed = await GetAsync(world.Manager, number);
        closed.Notes.Select(n => n.Kind).Should().Equal("status", "status", "status", "status");
        closed.FinishedAt.Should().NotBeNull();
        (await ListAsync(world.Manager, open: true)).Should().BeEmpty();
    }

    [Fact]
    public async Task ChangeStatus_CloseBeforeResolve_Conflict()
    {
        var world = await SueWorld.CreateAsync(api, "early-close");
        var number = await world.ReportAsync(api, "kiosk:k1:r1");

        using var response = await world.Manager.Http.PostAsJsonAsync($"{world.Manager.Tenant}/tickets/{number}/status", new TicketStatusRequest("close", null, null), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).Code.Should().Be("ticket.transition_invalid");
    }

    [Fact]
    public async Task CommentAndAssign_ByManager_ShowInHistory()
    {
        var world = await SueWorld.CreateAsync(api, "notes");
        var number = await world.ReportAsync(api, "kiosk:k1:r1", DefectCategory.WindowsDoors, "A1.12");
        var me = (await WebKitaClient.ReadAsync<Api.Accounts.AccountResponse>(await world.Manager.Http.GetAsync($"{world.Manager.Tenant}/me"), HttpStatusCode.OK)).Id;

        using var assigned = await world.Manager.Http.PutAsJsonAsync($"{world.Manager.Tenant}/tickets/{number}/assignee", new AssigneeRequest(me), ApiJson.Options);
        using var commented = await world.Manager.Http.PostAsJsonAsync($"{world.Manager.Tenant}/tickets/{number}/comments", new CommentRequest("Glaser bestellt"), ApiJson.Options);

        assigned.StatusCode.Should().Be(HttpStatusCode.OK);
        var ticket = await WebKitaClient.ReadAsync<TicketResponse>(commented, HttpStatusCode.OK);
        ticket.Assignee.Should().Be(me);
        ticket.Notes.Select(n => (n.Kind, n.Text, n.By)).Should().Equal(("assignment", me.ToString(), me), ("comment", "Glaser bestellt", me));
    }

    [Fact]
    public async Task Tickets_ManagerOfAnotherBuilding_SeesNothingAndGets404()
    {
        var mine = await SueWorld.CreateAsync(api, "mine");
        var theirs = await SueWorld.CreateAsync(api, "theirs");
        var number = await theirs.ReportAsync(api, "kiosk:k1:r1");

        using var get = await mine.Manager.Http.GetAsync($"{mine.Manager.Tenant}/tickets/{number}");
        using var act = await mine.Manager.Http.PostAsJsonAsync($"{mine.Manager.Tenant}/tickets/{number}/status", new TicketStatusRequest("acknowledge", null, null), ApiJson.Options);

        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        act.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ListAsync(mine.Manager)).Should().NotContain(t => t.Number == number);
        (await GetAsync(theirs.Manager, number)).Status.Should().Be("new");
    }

    private static async Task<TicketResponse[]> ListAsync(WebKitaClient client, bool open = false) =>
        await WebKitaClient.ReadAsync<TicketResponse[]>(await client.Http.GetAsync($"{client.Tenant}/tickets{(open ? "?open=true" : "")}"), HttpStatusCode.OK);

    private static async Task<TicketResponse> GetAsync(WebKitaClient client, int number) =>
        await WebKitaClient.ReadAsync<TicketResponse>(await client.Http.GetAsync($"{client.Tenant}/tickets/{number}"), HttpStatusCode.OK);

    private static async Task<TicketResponse> ChangeStatusAsync(WebKitaClient client, int number, string action, HttpStatusCode expected)
    {
        using var response = await client.Http.PostAsJsonAsync($"{client.Tenant}/tickets/{number}/status", new TicketStatusRequest(action, null, null), ApiJson.Options);
        return await WebKitaClient.ReadAsync<TicketResponse>(response, expected);
    }
}
