namespace WebKita.Grains.Allocation;

/// <summary>
/// The federal right to all-day care at primary school (Ganztagsförderungsgesetz): first-graders
/// from school year 2026/27, one grade more each year, all four grades from 2029/30 on.
/// </summary>
public static class LegalEntitlement
{
    public const int FirstSchoolYear = 2026;

    public const int HighestGrade = 4;

    /// <param name="schoolYearStart">The calendar year the school year starts in: 2026 for 2026/27.</param>
    public static bool Applies(int grade, int schoolYearStart) =>
        schoolYearStart >= FirstSchoolYear
        && grade >= 1
        && grade <= Math.Min(HighestGrade, schoolYearStart - FirstSchoolYear + 1);
}
