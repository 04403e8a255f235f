using System.Security.Cryptography;
using WebKita.Api.Accounts;
using WebKita.Api.Problems;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using WebKita.Silo.Buildings;
using WebKita.Silo.Devices;

namespace WebKita.Api.Devices;

public static class DeviceEndpoints
{
    public static void MapDevices(this RouteGroupBuilder tenant)
    {
        // The registry and its credentials are the county's.
        var devices = tenant.MapGroup("/devices").WithTags("Devices");
        devices.MapGet("/", List).RequireAuthorization(Policies.CountyAdmin).Produces<DeviceResponse[]>();
        devices.MapGet("/{deviceId}", Get).RequireAuthorization(Policies.CountyAdmin).Produces<DeviceResponse>();
        devices.MapPost("/", Register).RequireAuthorization(Policies.CountyAdmin).Produces<RegisteredDeviceResponse>(StatusCodes.Status201Created);
        devices.MapPost("/{deviceId}/credentials", RenewCredentials).RequireAuthorization(Policies.CountyAdmin).Produces<MqttCredentials>();
        devices.MapPost("/{deviceId}/disable", Disable).RequireAuthorization(Policies.CountyAdmin).Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> List(string tenant, Guid? buildingId, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant)
            ? TypedResults.Ok((await registry.ListAsync(new TenantId(tenant), buildingId, cancellationToken)).Select(DeviceResponse.From).ToArray())
            : TypedResults.NotFound();

    private static async Task<IResult> Get(string tenant, string deviceId, HttpContext http, DeviceRegistry registry, CancellationToken cancellationToken) =>
        Caller.From(http.User) is { } caller && caller.IsAdminOf(tenant) && await registry.FindAsync(new TenantId(tenant), deviceId, cancellationToken) is { } device
            ? TypedResults.Ok(DeviceResponse.From(device))
            : TypedResults.NotFound();

    /// <summary>
    /// Validates, claims the id, gives the device its broker credentials, then stores it. The
    /// claim comes first so a race for one id cannot overwrite another tenant's credentials; the
    /// broker account before the entry, since an entry without credentials would look ready and
    /// never work, while credentials without an entry only get a device's messages dead-lettered
    /// as unknown (and the same tenant may register it again).
    /// </summary>
    private static async Task<IResult> Register(
        string tenant, DeviceRequest request, HttpContext http, DeviceRegistry registry, BuildingDirectory buildings, IBrokerAccounts broker,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant))
        {
            return TypedResults.NotFound();
        }

        var tenantId = new TenantId(tenant);
        if (!Enum.TryParse<DeviceKind>(request.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return RefusalResults.Invalid("kind", "must be kiosk or sensor");
        }

        var measurements = new List<Measurement>();
        foreach (var code in request.Measurements ?? [])
        {
            if (!Measurements.TryParse(code, out var measurement))
            {
                return RefusalResults.Invalid("measurements", $"each must be one of {string.Join(", ", Measurements.Codes)}");
            }

            measurements.Add(measurement);
        }

        if (request.BuildingId is not { } buildingId || await buildings.FindAsync(tenantId, buildingId, cancellationToken) is not { } building)
        {
            return RefusalResults.Invalid("buildingId", "must name a building of the tenant");
        }

        // Tickets and alarms are kept per room: a device without one could report nothing that routes.
        if (request.Room is not { } room || !building.HasRoom(room))
        {
            return RefusalResults.Invalid("room", "is required: a room code of the building");
        }

        var registered = Device.Register(
            tenantId, request.DeviceId ?? "", building.SchoolId, building.Id, request.Room, kind, measurements, request.AlarmProfileId, time.GetUtcNow());
        if (registered.Value is not { } device)
        {
            return registered.Refusal!.ToProblem();
        }

        if (!broker.IsConfigured)
        {
            return BrokerNotConfigured();
        }

        if (await registry.ReserveAsync(tenantId, device.DeviceId, cancellationToken) is { } taken)
        {
            return taken.ToProblem();
        }

        var password = NewPassword();
        await broker.CreateDeviceAsync(device.DeviceId, password, cancellationToken);
        var outcome = await registry.RegisterAsync(device, caller.ToActor(), cancellationToken);
        return outcome.Value is { } stored
            ? TypedResults.Created(
                $"/api/v1/tenants/{tenant}/devices/{stored.DeviceId}",
                new RegisteredDeviceResponse(DeviceResponse.From(stored), new MqttCredentials(stored.DeviceId, password)))
            : outcome.Refusal!.ToProblem();
    }

    /// <summary>
    /// A new password for a device whose old one leaked or whose kiosk was replaced: the broker
    /// takes only the new one from now on and enables the account if it was disabled.
    /// </summary>
    private static Task<IResult> RenewCredentials(
        string tenant, string deviceId, HttpContext http, DeviceRegistry registry, IBrokerAccounts broker, CancellationToken cancellationToken) =>
        ChangeAtBrokerAsync(tenant, deviceId, "RenewDeviceCredentials", http, registry, broker, async device =>
        {
            var password = NewPassword();
            await broker.CreateDeviceAsync(device.DeviceId, password, cancellationToken);
            return TypedResults.Ok(new MqttCredentials(device.DeviceId, password));
        }, cancellationToken);

    /// <summary>A stolen or broken device: the broker refuses it from now on (and drops its connection) until its credentials are renewed.</summary>
    private static Task<IResult> Disable(
        string tenant, string deviceId, HttpContext http, DeviceRegistry registry, IBrokerAccounts broker, CancellationToken cancellationToken) =>
        ChangeAtBrokerAsync(tenant, deviceId, "DisableDevice", http, registry, broker, async device =>
        {
            await broker.DisableDeviceAsync(device.DeviceId, cancellationToken);
            return TypedResults.NoContent();
        }, cancellationToken);

    /// <summary>A change to a registered device's broker account, made by the tenant's admin and audited.</summary>
    private static async Task<IResult> ChangeAtBrokerAsync(
        string tenant, string deviceId, string action, HttpContext http, DeviceRegistry registry, IBrokerAccounts broker,
        Func<Device, Task<IResult>> change, CancellationToken cancellationToken)
    {
        if (Caller.From(http.User) is not { } caller || !caller.IsAdminOf(tenant)
            || await registry.FindAsync(new TenantId(tenant), deviceId, cancellationToken) is not { } device)
        {
            return TypedResults.NotFound();
        }

        if (!broker.IsConfigured)
        {
            return BrokerNotConfigured();
        }

        // Audited first: an audited attempt the broker then failed beats a change nobody can trace.
        await registry.AuditAsync(device, action, caller.ToActor(), cancellationToken);
        return await change(device);
    }

    private static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');

    private static IResult BrokerNotConfigured() => TypedResults.Problem(
        statusCode: StatusCodes.Status503ServiceUnavailable,
        title: "No MQTT broker is configured, so devices cannot get credentials.",
        extensions: new Dictionary<string, object?> { ["code"] = "broker.not_configured" });
}
