using System.Globalization;

namespace WebKita.Grains.Applications;

/// <summary>The child an application is for, as the family entered it.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Child")]
public sealed record Child(string FirstName, string LastName, DateOnly BirthDate, int Grade)
{
    /// <summary>
    /// Identifies the child across devices and retries: case, surrounding space and inner runs of
    /// space do not make a second child. Accounts (a later issue) will give children real ids.
    /// </summary>
    public string Key =>
        string.Join('|', Normalize(FirstName), Normalize(LastName), BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The child without what identifies it: grade and birth year stay for statistics.</summary>
    public Child Erased() => new(Application.ErasedName, Application.ErasedName, new DateOnly(BirthDate.Year, 1, 1), Grade);

    private static string Normalize(string name) =>
        string.Join(' ', name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToLowerInvariant();
}
