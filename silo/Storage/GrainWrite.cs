namespace WebKita.Silo.Storage;

/// <summary>
/// Replaces a grain's state if it is still at <paramref name="ExpectedVersion"/> (0: the grain must
/// not exist yet). The new version is <c>ExpectedVersion + 1</c>.
/// </summary>
/// <param name="Parent">The grain this one is listed under (an application's offering, an offering's school).</param>
/// <param name="Alias">A second unique name within tenant and kind (an idempotency key); kept once set.</param>
public sealed record GrainWrite(GrainKey Key, long ExpectedVersion, string State, Guid? Parent = null, string? Alias = null);
