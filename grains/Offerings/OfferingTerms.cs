using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>What staff set for an offering; everything else in <see cref="Offering"/> follows from applications.</summary>
public sealed record OfferingTerms(
    Guid SchoolId,
    string Title,
    OfferingKind Kind,
    int Capacity,
    RegistrationWindow Window,
    GradeRange Grades,
    AllocationMode Mode)
{
    public const int MaxCapacity = 10_000;

    /// <summary>Every field's problem at once, so a form can show them all.</summary>
    public IReadOnlyList<FieldProblem> Problems()
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(Title) || Title.Length > 200)
        {
            problems.Add(new("title", "must be 1 to 200 characters"));
        }

        if (Capacity is < 0 or > MaxCapacity)
        {
            problems.Add(new("capacity", $"must be between 0 and {MaxCapacity}"));
        }

        if (Window.Closes <= Window.Opens)
        {
            problems.Add(new("window", "must close after it opens"));
        }

        if (Grades.Lowest < 1 || Grades.Highest > 13 || Grades.Lowest > Grades.Highest)
        {
            problems.Add(new("grades", "must be a range within 1 to 13 with lowest <= highest"));
        }

        return problems;
    }
}
