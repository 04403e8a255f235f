namespace WebKita.Grains.Accounts;

/// <summary>A child on a family's account; applications name it by <see cref="Id"/>.</summary>
[GenerateSerializer, Immutable, Alias("webkita.FamilyChild")]
public sealed record FamilyChild(Guid Id, string FirstName, string LastName, DateOnly BirthDate);
