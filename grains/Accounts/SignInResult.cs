namespace WebKita.Grains.Accounts;

[GenerateSerializer, Alias("webkita.SignInResult")]
public enum SignInResult
{
    SignedIn,

    /// <summary>Wrong password, unknown or deleted account: deliberately one answer, so nobody learns which.</summary>
    Refused,

    LockedOut,
}
