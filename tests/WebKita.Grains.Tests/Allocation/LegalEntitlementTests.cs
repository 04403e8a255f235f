using WebKita.Grains.Allocation;

namespace WebKita.Grains.Tests.Allocation;

public sealed class LegalEntitlementTests
{
    [Theory]
    [InlineData(2025, 0)]
    [InlineData(2026, 1)]
    [InlineData(2027, 2)]
    [InlineData(2028, 3)]
    [InlineData(2029, 4)]
    [InlineData(2035, 4)]
    public void Applies_SchoolYear_CoversGradesOneUpToHighest(int schoolYearStart, int highestEntitledGrade)
    {
        var entitled = Enumerable.Range(0, 8).Where(grade => LegalEntitlement.Applies(grade, schoolYearStart));

        entitled.Should().Equal(Enumerable.Range(1, highestEntitledGrade));
    }
}
