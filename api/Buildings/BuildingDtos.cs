using WebKita.Grains.Buildings;

namespace WebKita.Api.Buildings;

public sealed record RoomDto(string Code, string Name);

public sealed record BuildingRequest(Guid? SchoolId, string? Name, IReadOnlyList<RoomDto>? Rooms);

public sealed record BuildingResponse(Guid Id, Guid SchoolId, string Name, IReadOnlyList<RoomDto> Rooms)
{
    public static BuildingResponse From(Building b) => new(b.Id, b.SchoolId, b.Name, [.. b.Rooms.Select(r => new RoomDto(r.Code, r.Name))]);
}
