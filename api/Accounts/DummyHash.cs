using Microsoft.AspNetCore.Identity;
using WebKita.Grains.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>A hash of a random password, made once, to verify against when no account exists.</summary>
internal static class DummyHash
{
    private static string? _value;

    public static string Value(IPasswordHasher<Account> hasher) =>
        _value ??= hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
}
