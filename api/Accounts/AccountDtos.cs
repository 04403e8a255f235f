using WebKita.Grains.Accounts;

namespace WebKita.Api.Accounts;

public sealed record RegisterRequest(string? Email, string? Password, string? DisplayName);

public sealed record SignInRequest(string? Email, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record FamilyRequest(IReadOnlyList<Guardian>? Guardians, IReadOnlyList<FamilyChild>? Children);

public sealed record StaffRequest(string? Email, string? Password, string? DisplayName, Role? Role, IReadOnlyList<Guid>? Schools, IReadOnlyList<Guid>? Buildings);

/// <summary>An account as shown to its owner or an admin; never the password hash.</summary>
public sealed record AccountResponse(
    Guid Id, string Email, Role Role, string DisplayName, IReadOnlyList<Guid> Schools, IReadOnlyList<Guid> Buildings,
    IReadOnlyList<Guardian> Guardians, IReadOnlyList<FamilyChild> Children, DateTimeOffset CreatedAt)
{
    public static AccountResponse From(Account a) =>
        new(a.Id, a.Email, a.Role, a.DisplayName, a.Schools, a.Buildings, a.Guardians, a.Children, a.CreatedAt);
}

public static class PasswordRules
{
    public const int MinLength = 10;
    public const int MaxLength = 200;

    public static string? Problem(string? password) =>
        password is { Length: >= MinLength and <= MaxLength } ? null : $"must be {MinLength} to {MaxLength} characters";
}

/// <summary>"My applications": first come, first served and in allocation rounds, each as its own endpoints show it.</summary>
public sealed record FamilyApplicationsResponse(
    IReadOnlyList<Applications.ApplicationResponse> Applications, IReadOnlyList<Rounds.RankedApplicationResponse> RoundApplications);

/// <summary>A bearer sign-in's answer; deliberately without a refresh token (sign in again after <see cref="ExpiresIn"/> seconds).</summary>
public sealed record SignInTokenResponse(string TokenType, string AccessToken, long ExpiresIn);

/// <summary>The answer to every accepted registration, new e-mail or not: sign in next; an existing account's owner gets an e-mail.</summary>
public sealed record RegistrationResponse(string Status, string Message)
{
    public static RegistrationResponse Received { get; } = new(
        "registration.received",
        "If this e-mail had no account, the account is open: sign in. If it had one, its owner gets an e-mail; the password is unchanged.");
}
