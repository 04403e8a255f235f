using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Buildings;
using WebKita.Silo.Accounts;
using WebKita.Silo.Buildings;
using WebKita.Silo.Registration;
using WebKita.Silo.Schools;

namespace WebKita.Api.Demo;

/// <summary>
/// Seeds the demo county on start-up when <c>Demo:Enabled</c> is true (the embedded default):
/// three schools, a school-year module each, a holiday-care week whose booking opens a few
/// minutes after start, a building with rooms, an account per role (a facility manager too), and an allocation round (<see cref="DemoRound"/>). Ids are fixed, so a restart finds the same data instead of doubling it.
/// </summary>
public sealed class DemoData(
    SchoolDirectory schools, BuildingDirectory buildings, RegistrationDirectory registration, DemoAccounts accounts, DemoRound round, TimeProvider time) : IHostedService
{
    public static readonly TenantId Tenant = new("mtk");
    public static readonly Guid HolidayWeekId = Guid.Parse("0b8f3c2e-5d1a-4c6e-9f70-2a1b3c4d5e01");

    /// <summary>The first school's main building, where the demo kiosk and sensor are (<see cref="DemoDevices"/>).</summary>
    public static readonly Guid BuildingId = Guid.Parse("b0001d00-0000-4000-8000-000000000001");

    public static readonly IReadOnlyList<Room> Rooms =
    [
        new("EG.01", "Eingangshalle"),
        new("EG.WC", "WC Erdgeschoss"),
        new("A1.12", "Klassenraum 1a"),
        new("A1.14", "Betreuungsraum"),
    ];

    private static readonly (Guid Id, Guid ModuleId, string Name, string Address)[] Schools =
    [
        (Guid.Parse("5c1e0a4e-0000-4000-8000-000000000001"), Guid.Parse("0ff3a1e0-0000-4000-8000-000000000001"), "Grundschule am Rosenberg", "Hofheim am Taunus"),
        (Guid.Parse("5c1e0a4e-0000-4000-8000-000000000002"), Guid.Parse("0ff3a1e0-0000-4000-8000-000000000002"), "Heinrich-Böll-Schule", "Hattersheim am Main"),
        (Guid.Parse("5c1e0a4e-0000-4000-8000-000000000003"), Guid.Parse("0ff3a1e0-0000-4000-8000-000000000003"), "Pestalozzischule", "Kelkheim (Taunus)"),
    ];

    /// <summary>When the holiday week's booking opens, as stored (the first start's), once seeded.</summary>
    public DateTimeOffset? HolidayWeekOpens { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        foreach (var (id, moduleId, name, address) in Schools)
        {
            await schools.CreateAsync(Tenant, id, name, address, cancellationToken);
            var module = new OfferingTerms(
                id, "Modul 2 bis 17:00 (Mo–Fr)", OfferingKind.SchoolYearModule, 60,
                new RegistrationWindow(today, today.AddDays(30)), new GradeRange(1, 4), AllocationMode.CriteriaAtDeadline);
            await registration.SendAsync(Tenant, moduleId, new CreateOffering(module), cancellationToken);
        }

        var holidayWeek = new OfferingTerms(
            Schools[0].Id, "Ferienbetreuung Osterferien, Woche 1", OfferingKind.HolidayWeek, 40,
            new RegistrationWindow(now.AddMinutes(5), now.AddDays(14)), new GradeRange(1, 4), AllocationMode.FirstComeFirstServed);
        await registration.SendAsync(Tenant, HolidayWeekId, new CreateOffering(holidayWeek), cancellationToken);
        HolidayWeekOpens = (await registration.FindOfferingAsync(Tenant, HolidayWeekId, cancellationToken))?.Terms.Window.Opens;
        await buildings.CreateAsync(Tenant, BuildingId, Schools[0].Id, "Hauptgebäude", Rooms, cancellationToken);
        await accounts.SeedAsync(Tenant, Schools[0].Id, BuildingId, cancellationToken);
        await round.SeedAsync(Tenant, [.. Schools.Select(s => s.Id)], AccountDirectory.IdFor(Tenant, DemoAccounts.FamilyEmail), cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
