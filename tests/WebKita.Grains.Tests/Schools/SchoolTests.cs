using WebKita.Grains.Common;
using WebKita.Grains.Schools;

namespace WebKita.Grains.Tests.Schools;

public sealed class SchoolTests
{
    private static readonly TenantId Tenant = new("kreis-a");
    private static readonly Guid Id = Guid.Parse("5c0a0000-0000-4000-8000-000000000001");

    [Fact]
    public void Create_Valid_TrimsNameAndAddress()
    {
        var outcome = School.Create(Tenant, Id, "  GS Am Park ", " Parkweg 1 ");

        outcome.Value.Should().Be(new School(Tenant, Id, "GS Am Park", "Parkweg 1"));
    }

    [Fact]
    public void Create_NoAddress_KeepsNull()
    {
        School.Create(Tenant, Id, "GS Am Park", null).Value!.Address.Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Create_BlankName_RefusesNameInvalid(string name)
    {
        var outcome = School.Create(Tenant, Id, name, null);

        outcome.Value.Should().BeNull();
        outcome.Refusal!.Code.Should().Be("school.invalid");
        outcome.Refusal.Fields.Should().Equal(new FieldProblem("name", $"must be 1 to {School.MaxNameLength} characters"));
    }

    [Theory]
    [InlineData(School.MaxNameLength, false)]
    [InlineData(School.MaxNameLength + 1, true)]
    public void Create_NameLength_RefusesOnlyBeyondMax(int length, bool refused)
    {
        School.Create(Tenant, Id, new string('n', length), null).IsRefused.Should().Be(refused);
    }

    [Theory]
    [InlineData(300, false)]
    [InlineData(301, true)]
    public void Create_AddressLength_RefusesOnlyBeyond300(int length, bool refused)
    {
        var outcome = School.Create(Tenant, Id, "GS", new string('a', length));

        outcome.IsRefused.Should().Be(refused);
        if (refused)
        {
            outcome.Refusal!.Code.Should().Be("school.invalid");
            outcome.Refusal.Fields.Should().Equal(new FieldProblem("address", "must be at most 300 characters"));
        }
    }

    [Fact]
    public void Update_Valid_ChangesNameAndAddressKeepsIdentity()
    {
        var school = School.Create(Tenant, Id, "GS Alt", "Weg 1").Value!;

        var outcome = school.Update(" GS Neu ", null);

        outcome.Value.Should().Be(new School(Tenant, Id, "GS Neu", null));
    }

    [Fact]
    public void Update_Invalid_RefusesAndLeavesSchool()
    {
        var school = School.Create(Tenant, Id, "GS Alt", "Weg 1").Value!;

        var outcome = school.Update("", new string('a', 301));

        outcome.Refusal!.Code.Should().Be("school.invalid");
        outcome.Refusal.Fields!.Select(f => f.Field).Should().Equal("name", "address");
        school.Name.Should().Be("GS Alt");
    }
}
