namespace WebKita.Api.Tests.Support;

/// <summary>What a person signs in with.</summary>
public sealed record Credentials(string Email, string Password)
{
    public const string Password1 = "Ein-langes-Passwort-1";

    /// <summary>The county admin every test api creates at start (Bootstrap settings).</summary>
    public static Credentials Admin { get; } = new("landrat@test-kreis.example", "Bootstrap-Passwort-1");

    /// <summary>Credentials no other account has, in any test run on the shared cluster.</summary>
    public static Credentials New(string who) => new($"{who}-{Guid.NewGuid():N}@test.example", Password1);
}
