namespace WebKita.Api.Placements;

/// <summary>
/// Names in the order of a German telephone book (DIN 5007-1: ä as a, ö as o, ü as u, ß as ss,
/// case ignored), ties broken ordinally. The api runs with invariant globalization, where a
/// culture comparer would be ordinal and put "Özdemir" after "Zimmermann". Thread-safe.
/// </summary>
public sealed class GermanNameOrder : IComparer<string>
{
    public static GermanNameOrder Instance { get; } = new();

    private GermanNameOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        var byKey = string.CompareOrdinal(Key(x), Key(y));
        return byKey != 0 ? byKey : string.CompareOrdinal(x, y);
    }

    private static string? Key(string? name) =>
        name?.ToLowerInvariant().Replace('ä', 'a').Replace('ö', 'o').Replace('ü', 'u').Replace("ß", "ss", StringComparison.Ordinal);
}
