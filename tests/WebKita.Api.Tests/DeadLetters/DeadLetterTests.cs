using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.DeadLetters;
using WebKita.Api.Tests.Support;
using WebKita.Silo.Storage;

namespace WebKita.Api.Tests.DeadLetters;

public sealed class DeadLetterTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadDeadLetters_LettersOfTheTenant_NewestFirstPagedWithTextOrBase64Payload()
    {
        var store = fixture.Factory.Services.GetRequiredService<IGrainStore>();
        var tenant = WebKitaClient.DefaultTenant;
        await store.AddDeadLetterAsync(DeadLetter.For(tenant, "kiosk-1", "sue/v1/kiosk-1/report", "payload.invalid_json", "not JSON", "{oops"u8, T0), default);
        await store.AddDeadLetterAsync(DeadLetter.For(tenant, "sensor-1", "sue/v1/sensor-1/telemetry", "payload.invalid_json", "binary", new byte[] { 0xFF, 0x00 }, T0.AddSeconds(1)), default);
        await store.AddDeadLetterAsync(DeadLetter.For("anderer-kreis", "x", "sue/v1/x/report", "device.unknown", "elsewhere", "{}"u8, T0), default);
        await store.AddDeadLetterAsync(DeadLetter.For(tenant, "sensor-2", "sue/v1/sensor-2/telemetry", "payload.too_large", "big", Encoding.UTF8.GetBytes(new string('a', 5000)), T0.AddSeconds(2)), default);

        using var first = await fixture.Admin.Http.GetAsync($"{fixture.Admin.Tenant}/dead-letters?limit=2");
        var page = await WebKitaClient.ReadAsync<DeadLetterView[]>(first, HttpStatusCode.OK);
        using var second = await fixture.Admin.Http.GetAsync($"{fixture.Admin.Tenant}/dead-letters?limit=2&before={page[^1].Sequence}");
        var rest = await WebKitaClient.ReadAsync<DeadLetterView[]>(second, HttpStatusCode.OK);

        page.Select(l => l.DeviceId).Should().Equal("sensor-2", "sensor-1");
        rest.Select(l => l.DeviceId).Should().Equal("kiosk-1");
        page[0].Should().BeEquivalentTo(new { Reason = "payload.too_large", PayloadLength = 5000, PayloadTruncated = true, ReceivedAt = T0.AddSeconds(2) });
        page[0].PayloadText.Should().HaveLength(DeadLetter.MaxPayloadBytes);
        page[1].Should().BeEquivalentTo(new { PayloadText = (string?)null, PayloadBase64 = "/wA=", PayloadTruncated = false });
        rest[0].Should().BeEquivalentTo(new { Topic = "sue/v1/kiosk-1/report", Reason = "payload.invalid_json", Detail = "not JSON", PayloadText = "{oops", PayloadBase64 = (string?)null });
    }

    [Fact]
    public async Task ReadDeadLetters_Family_Returns403()
    {
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Neugier");

        using var response = await family.Client.Http.GetAsync($"{family.Client.Tenant}/dead-letters");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
