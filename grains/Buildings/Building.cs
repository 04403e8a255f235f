using System.Collections.Immutable;
using WebKita.Grains.Common;

namespace WebKita.Grains.Buildings;

/// <summary>A building of a school with its rooms. Facility managers are responsible per building (Account.Buildings).</summary>
[GenerateSerializer, Immutable, Alias("webkita.Building")]
public sealed record Building(TenantId Tenant, Guid Id, Guid SchoolId, string Name, ImmutableList<Room> Rooms)
{
    public const int MaxNameLength = 200;
    public const int MaxRooms = 500;
    public const int MaxRoomCodeLength = 40;

    public static Outcome<Building> Create(TenantId tenant, Guid id, Guid schoolId, string name, IReadOnlyList<Room> rooms)
    {
        var refusal = Validate(name, rooms);
        return refusal is null ? Outcome<Building>.Done(new Building(tenant, id, schoolId, name.Trim(), Normalize(rooms))) : refusal;
    }

    public Outcome<Building> Update(string name, IReadOnlyList<Room> rooms)
    {
        var refusal = Validate(name, rooms);
        return refusal is null ? Outcome<Building>.Done(this with { Name = name.Trim(), Rooms = Normalize(rooms) }) : refusal;
    }

    public bool HasRoom(string code) => Rooms.Any(r => string.Equals(r.Code, code, StringComparison.Ordinal));

    private static ImmutableList<Room> Normalize(IReadOnlyList<Room> rooms) => [.. rooms.Select(r => new Room(r.Code.Trim(), r.Name.Trim()))];

    private static Refusal? Validate(string name, IReadOnlyList<Room> rooms)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            problems.Add(new("name", $"must be 1 to {MaxNameLength} characters"));
        }

        if (rooms.Count > MaxRooms)
        {
            problems.Add(new("rooms", $"at most {MaxRooms}"));
        }

        if (rooms.Any(r => !IsRoomCode(r.Code?.Trim()) || string.IsNullOrWhiteSpace(r.Name) || r.Name.Length > MaxNameLength))
        {
            problems.Add(new("rooms", $"each needs a code of 1 to {MaxRoomCodeLength} letters, digits, '.', '-' or '_' and a name of 1 to {MaxNameLength} characters"));
        }
        else if (rooms.Select(r => r.Code.Trim()).Distinct(StringComparer.Ordinal).Count() != rooms.Count)
        {
            problems.Add(new("rooms", "codes must be distinct"));
        }

        return problems.Count > 0 ? new Refusal("building.invalid", "The building's details are not valid.", problems) : null;
    }

    /// <summary>Room codes travel in kiosk payloads and URLs, so they are kept to a safe alphabet.</summary>
    public static bool IsRoomCode(string? code) =>
        code is { Length: >= 1 and <= MaxRoomCodeLength } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
