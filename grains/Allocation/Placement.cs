namespace WebKita.Grains.Allocation;

/// <summary>The decision for one application. <paramref name="OfferingId"/> is null when waitlisted.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Placement")]
public sealed record Placement(Guid ApplicationId, PlacementStatus Status, Guid? OfferingId, Explanation Explanation);
