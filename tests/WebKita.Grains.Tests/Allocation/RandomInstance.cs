using WebKita.Grains.Allocation;

namespace WebKita.Grains.Tests.Allocation;

/// <summary>
/// A generated allocation problem. Points are coarse on purpose, so many applicants tie and the
/// lottery decides; capacity is about 70 % of demand, so offerings are contested.
/// </summary>
internal sealed record RandomInstance(IReadOnlyList<OfferingPlaces> Offerings, IReadOnlyList<Applicant> Applicants)
{
    public static RandomInstance Create(Random random, int applicantCount, int offeringCount)
    {
        var schools = Enumerable.Range(0, Math.Max(2, offeringCount / 2)).Select(_ => NewGuid(random)).ToArray();
        var meanCapacity = 1.4 * applicantCount / offeringCount;
        var offerings = Enumerable.Range(0, offeringCount)
            .Select(_ => new OfferingPlaces(NewGuid(random), schools[random.Next(schools.Length)], random.Next(0, (int)meanCapacity + 1)))
            .ToArray();
        var applicants = new List<Applicant>(applicantCount);
        Guid? lastGroup = null;
        for (var n = 0; n < applicantCount; n++)
        {
            var preferences = offerings.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(Applicant.MaxPreferences, offeringCount) + 1))
                .Select(o => new Preference(o.OfferingId, o.SchoolId))
                .ToArray();
            var grade = random.Next(1, 5);
            Guid? group = random.NextDouble() switch
            {
                < 0.1 when lastGroup is not null => lastGroup,
                < 0.2 => NewGuid(random),
                _ => null,
            };
            lastGroup = group;
            applicants.Add(new Applicant(NewGuid(random), $"kind{n}", group, grade, LegalEntitlement.Applies(grade, 2027), preferences, Facts(random, schools)));
        }

        return new RandomInstance(offerings, applicants);
    }

    private static ApplicantFacts Facts(Random random, Guid[] schools)
    {
        var guardians = Enumerable.Range(0, random.Next(0, 3))
            .Select(_ => new GuardianSituation((GuardianActivity)random.Next(0, 3), new Evidence(random.Next(4) > 0)))
            .ToArray();
        return new ApplicantFacts(
            guardians,
            MaybeEvidence(random, 0.2),
            MaybeEvidence(random, 0.05),
            random.Next(2) == 0 ? [schools[random.Next(schools.Length)]] : [],
            random.Next(10) == 0 ? [schools[random.Next(schools.Length)]] : []);
    }

    private static Evidence? MaybeEvidence(Random random, double probability) =>
        random.NextDouble() < probability ? new Evidence(random.Next(2) == 0) : null;

    private static Guid NewGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
