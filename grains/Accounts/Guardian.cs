namespace WebKita.Grains.Accounts;

/// <summary>A parent or other legal guardian on a family's account.</summary>
public sealed record Guardian(string FirstName, string LastName, string? Phone);
