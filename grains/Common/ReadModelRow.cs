namespace WebKita.Grains.Common;

/// <summary>A grain's published copy in the read model and the version a publish must name to replace it.</summary>
public sealed record ReadModelRow<T>(long Version, T Value);
