namespace WebKita.Grains.Offerings;

/// <summary>When applications are taken: from <see cref="Opens"/> (inclusive) to <see cref="Closes"/> (exclusive).</summary>
[GenerateSerializer, Immutable, Alias("webkita.RegistrationWindow")]
public sealed record RegistrationWindow(DateTimeOffset Opens, DateTimeOffset Closes)
{
    public bool HasNotOpenedAt(DateTimeOffset now) => now < Opens;

    public bool HasClosedAt(DateTimeOffset now) => now >= Closes;
}
