namespace WebKita.Grains.Accounts;

/// <summary>A parent or other legal guardian on a family's account.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Guardian")]
public sealed record Guardian(string FirstName, string LastName, string? Phone);
