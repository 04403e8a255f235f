namespace WebKita.Grains.Allocation;

/// <summary>Places a school must add because entitled children were placed above its offerings' capacity.</summary>
public sealed record SchoolShortfall(Guid SchoolId, int MissingPlaces);
