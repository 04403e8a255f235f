namespace WebKita.Grains.Accounts;

public enum SignInResult
{
    SignedIn,

    /// <summary>Wrong password, unknown or deleted account: deliberately one answer, so nobody learns which.</summary>
    Refused,

    LockedOut,
}
