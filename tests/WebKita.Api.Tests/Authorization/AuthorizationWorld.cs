using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Applications;
using WebKita.Api.Offerings;
using WebKita.Api.Tests.Rounds;
using WebKita.Api.Tests.Statutes;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Defects;
using WebKita.Grains.Devices;
using WebKita.Silo.Accounts;
using WebKita.Silo.Alerts;
using WebKita.Silo.Buildings;
using WebKita.Silo.Defects;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;

namespace WebKita.Api.Tests.Authorization;

/// <summary>
/// Tenant 1 with school X (an open offering; family A holds two places there) and school Y (family
/// B holds a place there); a signed-in caller for each <see cref="Who"/>; tenant 2 with its own admin.
/// Every call of the matrix leaves these facts intact: families keep a place, so their DELETE /me is
/// always refused; the application withdrawn in one row stays visible to the others.
/// </summary>
public sealed class AuthorizationWorld : IAsyncLifetime
{
    public const string OtherTenant = ApiSettings.SecondTenant;

    private readonly Dictionary<Who, string> _tokens = [];
    private readonly Dictionary<Who, string> _spareTokens = [];
    private WebKitaApiFactory? _factory;

    public WebKitaApiFactory Factory => _factory ?? throw new InvalidOperationException("The world is not built.");

    /// <summary>The co-hosted silo, as the Orleans Dashboard names it in its routes.</summary>
    public string SiloAddress => Factory.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();

    public Guid SchoolX { get; private set; }

    public Guid SchoolY { get; private set; }

    public OfferingRequest OfferingXTerms { get; private set; } = null!;

    public Guid OfferingX { get; private set; }

    /// <summary>Family A's application at school X that the matrix reads and withdraws.</summary>
    public Guid ApplicationOfFamilyA { get; private set; }

    public Guid ChildOfFamilyA { get; private set; }

    /// <summary>A round with a criteria offering at school X (deadline next year), and family A's ranked application to it.</summary>
    public Guid RoundX { get; private set; }

    public Guid CriteriaOfferingX { get; private set; }

    public Guid RankedApplicationOfFamilyA { get; private set; }

    public Guid ChildOfFamilyB { get; private set; }

    /// <summary>Building of school X, the facility manager's, with room "A1", a kiosk and an open ticket.</summary>
    public Guid BuildingX { get; private set; }

    public int TicketInBuildingX { get; private set; }

    public const string KioskInBuildingX = "matrix-kiosk";

    public Guid WebhookOfTenant1 { get; private set; }

    /// <summary>Family B's; the sign-in row signs in with them.</summary>
    public Credentials FamilyB { get; } = Credentials.New("familie-b");

    public string? TokenOf(Who who) => who == Who.Anonymous ? null : _tokens[who];

    /// <summary>A second session of the caller, for the sign-out row: signing out ends only the session it is called with.</summary>
    public string? SpareTokenOf(Who who) => who == Who.Anonymous ? null : _spareTokens[who];

    public async Task InitializeAsync()
    {
        // The world's webhook points at a closed local port, so its deliveries fail at once.
        _factory = await WebKitaApiFactory.CreateAsync(new Dictionary<string, string> { ["Silo:WebhooksMayReachInternalAddresses"] = "true" });
        using var admin = await _factory.CreateAdminClientAsync();
        SchoolX = (await admin.CreateSchoolAsync("Schule X")).Id;
        SchoolY = (await admin.CreateSchoolAsync("Schule Y")).Id;
        OfferingXTerms = WebKitaClient.OpenTerms(SchoolX, 50, "Betreuung X");
        OfferingX = (await admin.CreateOfferingAsync(OfferingXTerms)).Id;
        var offeringY = (await admin.CreateOfferingAsync(WebKitaClient.OpenTerms(SchoolY, 50, "Betreuung Y"))).Id;
        await admin.AmendStatuteAsync(StatuteClient.Rules);
        CriteriaOfferingX = (await admin.CreateOfferingAsync(RoundClient.CriteriaTerms(SchoolX, 20))).Id;
        RoundX = (await admin.CreateRoundAsync(TimeProvider.System.GetUtcNow().AddYears(1), CriteriaOfferingX)).Id;

        var staffX = Credentials.New("staff-x");
        var staffY = Credentials.New("staff-y");
        var manager = Credentials.New("hausmeister");
        var familyA = Credentials.New("familie-a");
        await admin.CreateAccountAsync(staffX, Role.SchoolStaff, [SchoolX]);
        await admin.CreateAccountAsync(staffY, Role.SchoolStaff, [SchoolY]);
        await OpenBuildingXAsync();
        await admin.CreateAccountAsync(manager, Role.FacilityManager, buildings: [BuildingX]);
        using var anonymous = _factory.CreateApiClient();
        await anonymous.RegisterAsync(familyA, "Familie A");
        await anonymous.RegisterAsync(FamilyB, "Familie B");
        var adminOfTenant2 = await OpenAdminOfOtherTenantAsync();

        var signIns = new (Who Who, Credentials Credentials, string Tenant)[]
        {
            (Who.FamilyA, familyA, WebKitaClient.DefaultTenant),
            (Who.FamilyB, FamilyB, WebKitaClient.DefaultTenant),
            (Who.StaffOfSchoolX, staffX, WebKitaClient.DefaultTenant),
            (Who.StaffOfSchoolY, staffY, WebKitaClient.DefaultTenant),
            (Who.FacilityManager, manager, WebKitaClient.DefaultTenant),
            (Who.AdminOfTenant2, adminOfTenant2, OtherTenant),
        };
        foreach (var (who, credentials, tenant) in signIns)
        {
            using var client = new WebKitaClient(_factory.CreateClient(), tenant);
            _tokens[who] = await client.SignInAsync(credentials);
            _spareTokens[who] = await client.SignInAsync(credentials);
        }

        _tokens[Who.AdminOfTenant1] = await _factory.SignInAsync(Credentials.Admin);
        _spareTokens[Who.AdminOfTenant1] = await _factory.SignInAsync(Credentials.Admin);

        using var a = _factory.CreateApiClient(_tokens[Who.FamilyA]);
        var accountA = await a.SetFamilyAsync([new Guardian("Anna", "Alt", null)], [new FamilyChild(Guid.Empty, "Ada", "Alt", new DateOnly(2018, 3, 1)), new FamilyChild(Guid.Empty, "Arne", "Alt", new DateOnly(2017, 5, 2))]);
        ChildOfFamilyA = accountA.Children[0].Id;
        var keepsPlace = accountA.Children[1].Id;
        ApplicationOfFamilyA = await SubmitAsync(a, OfferingX, ChildOfFamilyA);
        await SubmitAsync(a, OfferingX, keepsPlace);
        RankedApplicationOfFamilyA = (await a.SubmitRankedAsync(RoundX, new(null, ChildOfFamilyA, 2, null, [CriteriaOfferingX], null, null))).Id;

        using var b = _factory.CreateApiClient(_tokens[Who.FamilyB]);
        ChildOfFamilyB = (await b.SetFamilyAsync([new Guardian("Bernd", "Bach", null)], [new FamilyChild(Guid.Empty, "Bea", "Bach", new DateOnly(2018, 7, 3))])).Children.Single().Id;
        await SubmitAsync(b, offeringY, ChildOfFamilyB);
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }

    /// <summary>Building X with a kiosk and a ticket, made through the silo: no broker here to register devices over HTTP.</summary>
    private async Task OpenBuildingXAsync()
    {
        var tenant = new TenantId(WebKitaClient.DefaultTenant);
        BuildingX = Guid.NewGuid();
        (await Factory.Services.GetRequiredService<BuildingDirectory>().CreateAsync(tenant, BuildingX, SchoolX, "Haus X", [new("A1", "Klasse 1a")], default))
            .Refusal.Should().BeNull();
        var kiosk = Device.Register(tenant, KioskInBuildingX, SchoolX, BuildingX, "A1", DeviceKind.Kiosk, [], null, DateTimeOffset.UtcNow).Value!;
        (await Factory.Services.GetRequiredService<DeviceRegistry>().RegisterAsync(kiosk, new Actor(Guid.NewGuid(), Role.CountyAdmin), default)).Refusal.Should().BeNull();
        var report = new DefectReport("matrix:1", DefectCategory.Furniture, null, "Stuhl kaputt", [], "kiosk");
        var offline = new DeviceMessage(KioskInBuildingX, DeviceChannel.Status, System.Text.Encoding.UTF8.GetBytes($$"""{"deviceId":"{{KioskInBuildingX}}","status":"offline"}"""), DateTimeOffset.UtcNow);
        (await Factory.Services.GetRequiredService<IDeviceMessageSink>().ApplyAsync(offline, default)).Should().BeOfType<DeviceMessageOutcome.Accepted>();
        WebhookOfTenant1 = (await Factory.Services.GetRequiredService<WebhookRegistry>().CreateAsync(
            tenant, Guid.NewGuid(), new Uri("http://127.0.0.1:9/matrix"), [], new Actor(Guid.NewGuid(), Role.CountyAdmin), default)).Value!.Id;
        TicketInBuildingX = (await Factory.Services.GetRequiredService<TicketDesk>().ReportAsync(tenant, SchoolX, BuildingX, "A1", report, default)).Value!.Ticket.Number;
    }

    /// <summary>Bootstrap makes only tenant 1's admin; tenant 2's is opened the way bootstrap does it.</summary>
    private async Task<Credentials> OpenAdminOfOtherTenantAsync()
    {
        var credentials = Credentials.New("admin-2");
        var hasher = Factory.Services.GetRequiredService<IPasswordHasher<Account>>();
        var opened = await Factory.Services.GetRequiredService<AccountDirectory>().OpenAsync(
            new TenantId(OtherTenant), credentials.Email, hasher.HashPassword(null!, credentials.Password), Role.CountyAdmin, "Admin Nachbarkreis", [], [], CancellationToken.None);
        opened.Refusal.Should().BeNull();
        return credentials;
    }

    private static async Task<Guid> SubmitAsync(WebKitaClient family, Guid offeringId, Guid childId)
    {
        using var response = await family.PostFamilySubmissionAsync(offeringId, childId, 2, Children.NewRun());
        var application = await WebKitaClient.ReadAsync<ApplicationResponse>(response, HttpStatusCode.Created);
        application.Status.Should().Be(ApplicationStatus.Accepted);
        return application.Id;
    }
}
