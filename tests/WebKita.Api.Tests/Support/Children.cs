using WebKita.Api.Applications;

namespace WebKita.Api.Tests.Support;

/// <summary>Distinct children for rushes: child <c>i</c> of a family name differs from every other by first name.</summary>
public static class Children
{
    public static ChildRequest Numbered(int index, string lastName = "Rush") =>
        new($"Kind{index:D5}", lastName, new DateOnly(2017, 1, 1).AddDays(index % 1000), 1 + (index % 4));

    /// <summary>An idempotency key unique to one run of one test, so tests sharing a database never collide.</summary>
    public static string Key(string run, int index) => $"{run}-{index:D5}";

    public static string NewRun() => Guid.NewGuid().ToString("N")[..12];
}
