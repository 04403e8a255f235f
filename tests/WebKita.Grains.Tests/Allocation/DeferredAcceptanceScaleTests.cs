using System.Diagnostics;
using WebKita.Grains.Allocation;
using Xunit.Abstractions;
using static WebKita.Grains.Tests.Allocation.AllocationExamples;

namespace WebKita.Grains.Tests.Allocation;

public sealed class DeferredAcceptanceScaleTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_50000ApplicantsOver200Offerings_PlacesWithinCapacity()
    {
        var random = new Random(42);
        var offerings = Enumerable.Range(1, 200).Select(n => Offering(n, n % 2 == 0 ? SchoolA : SchoolB, 200)).ToArray();
        var applicants = Enumerable.Range(1, 50_000)
            .Select(n =>
            {
                var grade = random.Next(1, 5);
                var choices = offerings.OrderBy(_ => random.Next()).Take(3).ToArray();
                var facts = Employed(random.Next(0, 3), verified: random.Next(4) > 0) with { CatchmentSchools = [choices[0].SchoolId] };
                return Child(n, choices, facts, grade, LegalEntitlement.Applies(grade, 2026), siblings: random.Next(5) == 0 ? new Guid(n / 2, 0, 0, new byte[8]) : null);
            })
            .ToArray();
        var clock = Stopwatch.StartNew();

        var result = DeferredAcceptance.Run(offerings, applicants, Rules(), Seed);

        output.WriteLine($"50,000 applicants, 200 offerings: {clock.ElapsedMilliseconds} ms");
        result.Placements.Should().HaveCount(50_000);
        result.Placements.Count(p => p.Status == PlacementStatus.Placed).Should().Be(40_000, "about 750 children ask for each offering of 200 places");
        result.Placements.Where((p, i) => applicants[i].HasLegalEntitlement).Should().NotContain(p => p.Status == PlacementStatus.Waitlisted);
        result.Shortfalls.Sum(s => s.MissingPlaces).Should().Be(result.Placements.Count(p => p.Status == PlacementStatus.PlacedAboveCapacity));
    }
}
