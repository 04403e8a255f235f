using System.Net;
using System.Net.Http.Json;
using WebKita.Api.Tests.Support;
using WebKita.Api.Webhooks;
using WebKita.Silo.Alerts;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>Webhooks cannot be pointed into the county's own network (server-side request forgery).</summary>
public sealed class WebhookAddressTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("192.168.178.1", true)]
    [InlineData("169.254.169.254", true)] // cloud metadata
    [InlineData("100.64.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("64:ff9b::a00:1", true)] // NAT64 to 10.0.0.1
    [InlineData("64:ff9b::5db8:d822", false)] // NAT64 to 93.184.216.34
    [InlineData("93.184.216.34", false)]
    [InlineData("172.32.0.1", false)]
    [InlineData("2a00:1450:4001::1", false)]
    public void IsInternal_ByAddressRange(string address, bool expected) =>
        WebhookAddresses.IsInternal(IPAddress.Parse(address)).Should().Be(expected);

    [Fact]
    public async Task Client_NameResolvingToLoopback_RefusedBeforeAnyCall()
    {
        using var receiver = new WebhookReceiver(HttpStatusCode.OK);
        var byName = new UriBuilder(receiver.Url) { Host = "localhost" }.Uri;

        using var guarded = WebhookAddresses.CreateClient(allowInternal: false);
        var refused = () => guarded.PostAsync(byName, new StringContent("{}"));
        await refused.Should().ThrowAsync<HttpRequestException>().WithMessage("*internal addresses*");
        receiver.Calls.Should().BeEmpty();

        using var open = WebhookAddresses.CreateClient(allowInternal: true);
        (await open.PostAsync(receiver.Url, new StringContent("{}"))).StatusCode.Should().Be(HttpStatusCode.OK);
        receiver.Calls.Should().ContainSingle();
    }

    [Fact]
    public async Task Register_InternalAddress_ProblemWithCode()
    {
        await using var factory = await WebKitaApiFactory.CreateAsync();
        using var admin = await factory.CreateAdminClientAsync();

        foreach (var url in new[] { "http://localhost:8080/hook", "http://127.0.0.1/hook", "https://[::1]/hook", "http://169.254.169.254/latest/meta-data" })
        {
            using var response = await admin.Http.PostAsJsonAsync($"{admin.Tenant}/webhooks", new WebhookRequest(url, null), ApiJson.Options);
            (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("webhook.internal_address", url);
        }
    }
}
