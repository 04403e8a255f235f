namespace WebKita.Grains.Accounts;

/// <summary>What a sign-in attempt did: the account after it (null when there is none) and the answer.</summary>
[GenerateSerializer, Immutable, Alias("webkita.SignInAttempt")]
public sealed record SignInAttempt(Account? Account, SignInResult Result);
