using WebKita.Grains.Accounts;

namespace WebKita.Api.Accounts;

/// <summary>
/// The server assigns children's ids: a sent id that is not already one of this account's
/// children (absent, all zeros, made up, or another family's) is replaced by a fresh one, so no
/// family can name a child another family's applications already name.
/// </summary>
public static class ChildIds
{
    /// <param name="fresh">One new id per sent child, drawn before the account's turn, so a retried turn assigns the same ids.</param>
    public static IReadOnlyList<FamilyChild> Assign(Account account, IReadOnlyList<FamilyChild> sent, IReadOnlyList<Guid> fresh) =>
        [.. sent.Select((child, i) => account.Children.Any(c => c.Id == child.Id) ? child : child with { Id = fresh[i] })];
}
