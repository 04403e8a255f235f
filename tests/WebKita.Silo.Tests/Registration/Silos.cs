using Npgsql;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Silo.Storage;
using WebKita.Silo.Storage.Postgres;

namespace WebKita.Silo.Tests.Registration;

/// <summary>Terms, children and keys shared by the silo tests.</summary>
internal static class Silos
{
    public static readonly TenantId Tenant = new("kreis-silo");
    public static readonly Guid SchoolId = Guid.Parse("5c0a0000-0000-4000-8000-0000000000aa");

    /// <summary>The fake clock starts here, an hour before every test offering's window opens.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 7, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Opens = Start.AddHours(1);
    public static readonly DateTimeOffset Closes = Opens.AddDays(14);

    public static OfferingTerms Terms(int capacity, AllocationMode mode = AllocationMode.FirstComeFirstServed) =>
        new(SchoolId, "Modul 2", OfferingKind.SchoolYearModule, capacity, new RegistrationWindow(Opens, Closes), new GradeRange(1, 4), mode);

    public static Child Child(int n) => new($"Kind{n}", "Muster", new DateOnly(2018, 1, 1).AddDays(n % 1000), 1 + (n % 4));

    public static GrainKey OfferingKey(Guid id) => new(Tenant.Value, "offering", id);

    public static PostgresGrainStore Postgres(string connectionString, out NpgsqlDataSource dataSource)
    {
        dataSource = NpgsqlDataSource.Create(connectionString);
        return new PostgresGrainStore(dataSource);
    }
}
