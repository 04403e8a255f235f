using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Pages.Tests.Support;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;

namespace WebKita.Pages.Tests.Facility;

public sealed class AlarmBoardTests(PagesSite site) : IClassFixture<PagesSite>
{
    [Fact]
    public async Task Board_SensorRaisesAlarm_ManagerAcknowledgesItOnThePage()
    {
        using var api = await site.AdminApiAsync();
        var school = await api.PostAsync("/schools", new { name = "Grundschule Alarm", address = "Am Bach 3" });
        var schoolId = school.GetProperty("id").GetGuid();
        var building = await api.PostAsync("/buildings", new { schoolId, name = "Neubau", rooms = new[] { new { code = "B1.04", name = "Werkraum" } } });
        var buildingId = building.GetProperty("id").GetGuid();
        await api.SendAsync(HttpMethod.Put, $"/alarm-profiles/{Guid.NewGuid()}", new
        {
            name = "Hitze", schoolId,
            rules = new[] { new { type = "temperature_high", measurement = "temperature", comparison = "above", value = 30.0, inARow = 1, severity = "major", worse = Array.Empty<object>(), schoolHoursOnly = false } },
            offlineAfterMinutes = 60,
        });
        var email = $"hausmeister-{Guid.NewGuid():N}@test.example";
        await api.PostAsync("/accounts", new { email, password = SchoolWorld.Password, displayName = "Herr Alarm", role = "FacilityManager", schools = Array.Empty<Guid>(), buildings = new[] { buildingId } });
        var tenant = new TenantId(SiteFactory.Tenant);
        var device = Device.Register(tenant, "hitze-1", schoolId, buildingId, "B1.04", DeviceKind.Sensor, [Measurement.Temperature], null, DateTimeOffset.UtcNow).Value!;
        (await site.Services.GetRequiredService<DeviceRegistry>().RegisterAsync(device, new Actor(Guid.NewGuid(), Role.CountyAdmin), default)).Refusal.Should().BeNull();
        var reading = Encoding.UTF8.GetBytes($$"""{"deviceId":"hitze-1","messageId":"m1","timestamp":"{{DateTimeOffset.UtcNow.AddSeconds(-5):O}}","measurements":{"temperature":34.5} }""");
        await site.Services.GetRequiredService<IDeviceMessageSink>().ApplyAsync(new DeviceMessage("hitze-1", DeviceChannel.Telemetry, reading, DateTimeOffset.UtcNow), default);

        var page = await site.NewPageAsync();
        await BrowserSteps.SignInAsync(page, email, SchoolWorld.Password);
        await page.GotoAsync("/hausmeister");
        var card = page.Locator("li.alarm-karte").Filter(new() { HasText = "Raum B1.04" });
        await Assertions.Expect(card.GetByRole(AriaRole.Heading)).ToHaveTextAsync("Alarm: Temperatur zu hoch, Raum B1.04");
        await Assertions.Expect(card).ToContainTextAsync("Noch nicht bestätigt");
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();

        var acknowledge = card.Locator("button");
        await Assertions.Expect(acknowledge).ToHaveAccessibleNameAsync("Alarm bestätigen – Temperatur zu hoch, Raum B1.04");
        await acknowledge.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToHaveTextAsync("Alarm bestätigt: Temperatur zu hoch, Raum B1.04. Die Eskalation ist gestoppt.");
        await Assertions.Expect(card).ToContainTextAsync("Bestätigt");
        await Assertions.Expect(card.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        var alarms = await api.GetAsync("/alarms");
        alarms.EnumerateArray().Single(a => a.GetProperty("deviceId").GetString() == "hitze-1").GetProperty("alarm").GetProperty("acknowledgedAt").ValueKind
            .Should().Be(System.Text.Json.JsonValueKind.String);
        (await PageChecks.AxeViolationsAsync(page)).Should().BeEmpty();
    }
}
