namespace WebKita.Grains.Allocation;

/// <summary>Places a school must add because entitled children were placed above its offerings' capacity.</summary>
[GenerateSerializer, Immutable, Alias("webkita.SchoolShortfall")]
public sealed record SchoolShortfall(Guid SchoolId, int MissingPlaces);
