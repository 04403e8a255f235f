namespace WebKita.Grains.Offerings;

/// <summary>A place offered to a waiting application until <see cref="ExpiresAt"/>; the offering keeps these so expiry needs no scan of its applications.</summary>
[GenerateSerializer, Immutable, Alias("webkita.OpenOffer")]
public sealed record OpenOffer(Guid ApplicationId, DateTimeOffset ExpiresAt);
