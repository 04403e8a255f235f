using WebKita.Grains.Buildings;
using WebKita.Grains.Common;

namespace WebKita.Grains.Tests.Buildings;

public sealed class BuildingTests
{
    private static readonly TenantId Tenant = new("kreis-a");

    [Fact]
    public void Create_Valid_TrimsNamesAndKeepsRooms()
    {
        var building = Building.Create(Tenant, Guid.NewGuid(), Guid.NewGuid(), " Haus A ", [new(" A1.12 ", " Klasse 2b ")]).Value!;

        building.Name.Should().Be("Haus A");
        building.Rooms.Should().Equal(new Room("A1.12", "Klasse 2b"));
        building.HasRoom("A1.12").Should().BeTrue();
    }

    [Theory]
    [InlineData("A 1")]
    [InlineData("A/1")]
    [InlineData("")]
    public void Create_BadRoomCode_RefusesInvalid(string code)
    {
        var outcome = Building.Create(Tenant, Guid.NewGuid(), Guid.NewGuid(), "Haus A", [new(code, "Raum")]);

        outcome.Refusal!.Code.Should().Be("building.invalid");
        outcome.Refusal.Fields!.Single().Field.Should().Be("rooms");
    }

    [Fact]
    public void Create_SameRoomCodeTwice_RefusesInvalid()
    {
        var outcome = Building.Create(Tenant, Guid.NewGuid(), Guid.NewGuid(), "Haus A", [new("A1", "x"), new("A1", "y")]);

        outcome.Refusal!.Fields!.Single().Message.Should().Be("codes must be distinct");
    }
}
