using System.Collections.Immutable;
using WebKita.Grains.Common;

namespace WebKita.Grains.Accounts;

/// <summary>
/// Someone who signs in. The password hash is made outside (hashing salts with randomness); the
/// account decides what follows from a sign-in attempt, so lockout is pure and testable.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Account")]
public sealed record Account(
    TenantId Tenant,
    Guid Id,
    string Email,
    string PasswordHash,
    Role Role,
    string DisplayName,
    ImmutableList<Guid> Schools,
    ImmutableList<Guid> Buildings,
    ImmutableList<Guardian> Guardians,
    ImmutableList<FamilyChild> Children,
    int FailedSignIns,
    DateTimeOffset? LockedUntil,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeletedAt)
{
    public const int MaxFailedSignIns = 5;

    /// <summary>
    /// Counts how often every session of the account was ended (password change, erasure). Tokens and cookies carry the value they were issued under; one that names an
    /// older value is no longer accepted. Stored accounts without it start at 0.
    /// </summary>
    [Id(14)]
    public int SessionGeneration { get; init; }
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public bool IsDeleted => DeletedAt is not null;

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static Outcome<Account> Open(
        TenantId tenant, Guid id, string email, string passwordHash, Role role, string displayName,
        IReadOnlyList<Guid> schools, IReadOnlyList<Guid> buildings, DateTimeOffset now)
    {
        var problems = new List<FieldProblem>();
        var normalized = NormalizeEmail(email);
        if (normalized.Length is < 3 or > 254 || normalized.IndexOf('@', StringComparison.Ordinal) is < 1 || normalized.EndsWith('@'))
        {
            problems.Add(new("email", "must be an e-mail address"));
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200)
        {
            problems.Add(new("displayName", "must be 1 to 200 characters"));
        }

        if (role == Role.SchoolStaff && schools.Count == 0)
        {
            problems.Add(new("schools", "school staff need at least one school"));
        }

        if (role == Role.FacilityManager && buildings.Count == 0)
        {
            problems.Add(new("buildings", "facility managers need at least one building"));
        }

        return problems.Count > 0
            ? new Refusal("account.invalid", "The account's details are not valid.", problems)
            : Outcome<Account>.Done(new Account(
                tenant, id, normalized, passwordHash, role, displayName.Trim(), [.. schools.Distinct()], [.. buildings.Distinct()],
                [], [], 0, null, now, null));
    }

    /// <summary>
    /// Records a sign-in attempt whose password check came out as <paramref name="passwordMatched"/>.
    /// While locked, even the right password is refused, so guessing cannot continue during lockout.
    /// </summary>
    public (Account Account, SignInResult Result) SignIn(bool passwordMatched, DateTimeOffset now)
    {
        if (IsDeleted)
        {
            return (this, SignInResult.Refused);
        }

        if (LockedUntil is { } until && now < until)
        {
            return (this, SignInResult.LockedOut);
        }

        if (passwordMatched)
        {
            return (this with { FailedSignIns = 0, LockedUntil = null }, SignInResult.SignedIn);
        }

        var failed = FailedSignIns + 1;
        return failed >= MaxFailedSignIns
            ? (this with { FailedSignIns = 0, LockedUntil = now + LockoutDuration }, SignInResult.LockedOut)
            : (this with { FailedSignIns = failed }, SignInResult.Refused);
    }

    /// <summary>A new password ends every session, so a stolen token or cookie stops working with the old password.</summary>
    public Account ChangePassword(string newPasswordHash) =>
        this with { PasswordHash = newPasswordHash, FailedSignIns = 0, LockedUntil = null, SessionGeneration = SessionGeneration + 1 };

    /// <summary>Sessions ended by signing out, newest last; at most <see cref="MaxEndedSessions"/> (older ones have long expired).</summary>
    [Id(15)]
    public ImmutableList<Guid> EndedSessions { get; init; } = [];

    public const int MaxEndedSessions = 100;

    /// <summary>Signing out ends the session it was made in (one device); the account's other sessions go on.</summary>
    public Account EndSession(Guid session)
    {
        var ended = EndedSessions.Contains(session) ? EndedSessions : EndedSessions.Add(session);
        return this with { EndedSessions = ended.Count > MaxEndedSessions ? ended.RemoveRange(0, ended.Count - MaxEndedSessions) : ended };
    }

    /// <summary>Ends every session of the account, on every device.</summary>
    public Account EndSessions() => this with { SessionGeneration = SessionGeneration + 1, EndedSessions = [] };

    public Outcome<Account> SetFamily(IReadOnlyList<Guardian> guardians, IReadOnlyList<FamilyChild> children)
    {
        var problems = new List<FieldProblem>();
        if (Role != Role.Family)
        {
            return new Refusal("account.not_family", "Only a family account has guardians and children.");
        }

        if (guardians.Count > 4 || guardians.Any(g => string.IsNullOrWhiteSpace(g.FirstName) || string.IsNullOrWhiteSpace(g.LastName) || g.FirstName.Length > 100 || g.LastName.Length > 100))
        {
            problems.Add(new("guardians", "at most 4, each with a first and last name of up to 100 characters"));
        }

        if (children.Count > 10 || children.Any(c => string.IsNullOrWhiteSpace(c.FirstName) || string.IsNullOrWhiteSpace(c.LastName) || c.FirstName.Length > 100 || c.LastName.Length > 100))
        {
            problems.Add(new("children", "at most 10, each with a first and last name of up to 100 characters"));
        }

        if (children.Select(c => c.Id).Distinct().Count() != children.Count)
        {
            problems.Add(new("children", "ids must be distinct"));
        }

        return problems.Count > 0
            ? new Refusal("account.invalid", "The family's details are not valid.", problems)
            : Outcome<Account>.Done(this with { Guardians = [.. guardians], Children = [.. children] });
    }

    /// <summary>
    /// Replaces guardians and children as a family sent them. A sent child id that is not already
    /// one of this account's children (absent, all zeros, made up, or another family's) is replaced
    /// by the fresh id at its position, so no family can name a child another family's
    /// applications already name. <paramref name="fresh"/> holds one id per sent child, drawn by the
    /// caller (the grain has no randomness), so a retried call assigns the same ids.
    /// </summary>
    public Outcome<Account> ReplaceFamily(IReadOnlyList<Guardian> guardians, IReadOnlyList<FamilyChild> sent, IReadOnlyList<Guid> fresh) =>
        SetFamily(guardians, [.. sent.Select((child, i) => Children.Any(c => c.Id == child.Id) ? child : child with { Id = fresh[i] })]);

    /// <summary>
    /// Removes personal data and keeps the facts statistics and the audit log need (id, role,
    /// tenant, when it existed). The caller checks first that no confirmed place is active.
    /// </summary>
    public Account Erase(DateTimeOffset now) => this with
    {
        Email = $"deleted-{Id:N}",
        PasswordHash = "",
        DisplayName = "(gelöscht)",
        Guardians = [],
        Children = [],
        DeletedAt = now,
        SessionGeneration = SessionGeneration + 1,
    };
}
