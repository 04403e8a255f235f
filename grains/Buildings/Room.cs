namespace WebKita.Grains.Buildings;

/// <summary>A room of a building. <paramref name="Code"/> is what the door sign and a kiosk's report name (e.g. "A1.12").</summary>
[GenerateSerializer, Immutable, Alias("webkita.Room")]
public sealed record Room(string Code, string Name);
