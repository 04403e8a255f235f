namespace WebKita.Grains.Allocation;

/// <summary>A criteria-at-deadline offering and the places it gives out in this run.</summary>
[GenerateSerializer, Immutable, Alias("webkita.OfferingPlaces")]
public sealed record OfferingPlaces(Guid OfferingId, Guid SchoolId, int Capacity);
