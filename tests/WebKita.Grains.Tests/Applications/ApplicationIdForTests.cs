using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Tests.Applications;

public sealed class ApplicationIdForTests
{
    private static readonly TenantId Tenant = new("kreis-a");
    private static readonly Guid Offering = Guid.Parse("0ff00000-0000-4000-8000-000000000001");
    private static readonly Child Child = new("Mia", "Schmidt", new DateOnly(2018, 7, 9), 2);

    [Fact]
    public void IdFor_SameInputs_ReturnsSameVersion5Guid()
    {
        var first = Application.IdFor(Tenant, Offering, Child);
        var second = Application.IdFor(new TenantId("kreis-a"), Offering, Child with { });

        second.Should().Be(first);
        first.Version.Should().Be(5);
        (first.Variant & 0b1100).Should().Be(0b1000, "RFC 9562 variant bits are 10");
    }

    [Fact]
    public void IdFor_KnownInput_IsStableAcrossReleases()
    {
        // Stored rows are found by this id; a change to the derivation would orphan them.
        Application.IdFor(Tenant, Offering, Child).Should().Be(Guid.Parse("70358eaa-2920-5f7e-aae3-a3e3ecbea45e"));
        Child.Key.Should().Be("mia|schmidt|2018-07-09");
    }

    [Fact]
    public void IdFor_OtherTenant_Differs()
    {
        Application.IdFor(new TenantId("kreis-b"), Offering, Child).Should().NotBe(Application.IdFor(Tenant, Offering, Child));
    }

    [Fact]
    public void IdFor_OtherOfferingOrChild_Differs()
    {
        var id = Application.IdFor(Tenant, Offering, Child);

        Application.IdFor(Tenant, Guid.Parse("0ff00000-0000-4000-8000-000000000002"), Child).Should().NotBe(id);
        Application.IdFor(Tenant, Offering, Child with { BirthDate = new DateOnly(2018, 7, 10) }).Should().NotBe(id);
        Application.IdFor(Tenant, Offering, Child with { FirstName = "Mila" }).Should().NotBe(id);
    }

    [Fact]
    public void Key_InnerAndOuterSpaceAndCase_Normalized()
    {
        new Child("  Anna   Lena ", " VON  Berg", new DateOnly(2019, 1, 31), 1).Key.Should().Be("anna lena|von berg|2019-01-31");
    }
}
