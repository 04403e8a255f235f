using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;

namespace WebKita.Bench.Deadline;

/// <summary>
/// A county's round, generated from a fixed seed: schools with four criteria-at-deadline
/// offerings each (all-day care for grades 1–2 and 3–4, early and late care for all grades),
/// families who rank offerings at their home school and its neighbours, and capacities set from
/// the first-choice demand so that popular offerings are oversubscribed and others have room.
/// </summary>
public sealed class County
{
    public const int SchoolYearStart = 2026;
    public const int OfferingsPerSchool = 4;

    private static readonly (string Name, GradeRange Grades)[] Kinds =
    [
        ("Ganztag Klasse 1-2", new GradeRange(1, 2)),
        ("Ganztag Klasse 3-4", new GradeRange(3, 4)),
        ("Fruehbetreuung", new GradeRange(1, 4)),
        ("Spaetbetreuung", new GradeRange(1, 4)),
    ];

    private readonly Random _random;
    private readonly Guid[] _schools;
    private readonly double[] _popularity;

    private County(int offerings, int seed)
    {
        if (offerings % OfferingsPerSchool != 0)
        {
            throw new ArgumentException($"The number of offerings must be a multiple of {OfferingsPerSchool}.", nameof(offerings));
        }

        _random = new Random(seed);
        _schools = [.. Enumerable.Range(0, offerings / OfferingsPerSchool).Select(_ => NextGuid())];
        _popularity = [.. _schools.Select(_ => 0.3 + (2.7 * Math.Pow(_random.NextDouble(), 2)))];
        OfferingIds = [.. Enumerable.Range(0, offerings).Select(_ => NextGuid())];
    }

    /// <summary>Offering <c>s * 4 + k</c> is kind <c>k</c> at school <c>s</c>.</summary>
    public Guid[] OfferingIds { get; }

    public List<ApplicationForm> Forms { get; } = [];

    public int SiblingGroups { get; private set; }

    public int[] Capacities { get; private set; } = [];

    public static County Generate(int applications, int offerings, int seed)
    {
        var county = new County(offerings, seed);
        county.AddFamilies(applications);
        county.SetCapacities();
        return county;
    }

    public RoundTerms Terms(DateTimeOffset deadline) => new(
        $"Schuljahr {SchoolYearStart}/{(SchoolYearStart + 1) % 100:D2}",
        SchoolYearStart,
        deadline,
        7,
        [.. OfferingIds.Select((id, o) => new RoundTerms.Place(id, _schools[o / OfferingsPerSchool], Kinds[o % OfferingsPerSchool].Grades, Capacities[o]))]);

    public Guid SchoolOf(Guid offeringId) => _schools[Array.IndexOf(OfferingIds, offeringId) / OfferingsPerSchool];

    private void AddFamilies(int applications)
    {
        var totalPopularity = _popularity.Sum();
        var family = 0;
        while (Forms.Count < applications)
        {
            family++;
            var home = PickSchool(totalPopularity);
            var children = Forms.Count + 1 < applications && _random.NextDouble() < 0.08 ? 2 : 1;
            Guid? group = children > 1 ? NextGuid() : null;
            SiblingGroups += children > 1 ? 1 : 0;
            var facts = Facts(home);
            var familyId = NextGuid();
            for (var c = 0; c < children; c++)
            {
                var grade = Grade();
                var child = new Child($"Kind{Forms.Count}", $"Familie{family}", new DateOnly(2019 - grade, 1, 1).AddDays(_random.Next(365)), grade);
                Forms.Add(new ApplicationForm(child, Preferences(home, grade), facts, group, familyId));
            }
        }
    }

    private int PickSchool(double totalPopularity)
    {
        var pick = _random.NextDouble() * totalPopularity;
        for (var s = 0; s < _schools.Length; s++)
        {
            pick -= _popularity[s];
            if (pick <= 0)
            {
                return s;
            }
        }

        return _schools.Length - 1;
    }

    private int Grade() => _random.NextDouble() switch
    {
        < 0.30 => 1,
        < 0.55 => 2,
        < 0.80 => 3,
        _ => 4,
    };

    /// <summary>Mostly three choices: the first at the home school, the others there or at a neighbouring school.</summary>
    private List<Guid> Preferences(int home, int grade)
    {
        var count = _random.NextDouble() switch
        {
            < 0.10 => 1,
            < 0.25 => 2,
            _ => 3,
        };
        var allDay = grade <= 2 ? 0 : 1;
        var firstKind = _random.NextDouble() switch
        {
            < 0.65 => allDay,
            < 0.85 => 2,
            _ => 3,
        };
        var chosen = new List<Guid> { OfferingIds[(home * OfferingsPerSchool) + firstKind] };
        while (chosen.Count < count)
        {
            var school = _random.NextDouble() < 0.5 ? home : (home + _random.Next(1, 4) * (_random.Next(2) == 0 ? 1 : -1) + _schools.Length) % _schools.Length;
            var kind = _random.NextDouble() < 0.6 ? allDay : 2 + _random.Next(2);
            var offering = OfferingIds[(school * OfferingsPerSchool) + kind];
            if (!chosen.Contains(offering))
            {
                chosen.Add(offering);
            }
        }

        return chosen;
    }

    private ApplicantFacts Facts(int home)
    {
        var single = _random.NextDouble() < 0.18;
        var guardians = Enumerable.Range(0, single ? 1 : 2).Select(_ => new GuardianSituation(
            _random.NextDouble() switch
            {
                < 0.72 => GuardianActivity.Employed,
                < 0.80 => GuardianActivity.InTraining,
                _ => GuardianActivity.None,
            },
            _random.NextDouble() < 0.85 ? Evidence.VerifiedByStaff : Evidence.Claimed)).ToList();
        var singleParent = single ? (_random.NextDouble() < 0.9 ? Evidence.VerifiedByStaff : Evidence.Claimed) : null;
        var hardship = _random.NextDouble() < 0.02 ? (_random.NextDouble() < 0.7 ? Evidence.VerifiedByStaff : Evidence.Claimed) : null;
        List<Guid> siblingAttending = _random.NextDouble() < 0.15 ? [_schools[home]] : [];
        return new ApplicantFacts(guardians, singleParent, hardship, [_schools[home]], siblingAttending);
    }

    /// <summary>Capacity is the first-choice demand times 0.5 to 1.2: about 85 % of first choices fit overall.</summary>
    private void SetCapacities()
    {
        var firstChoices = OfferingIds.ToDictionary(id => id, _ => 0);
        foreach (var form in Forms)
        {
            firstChoices[form.Preferences[0]]++;
        }

        Capacities = [.. OfferingIds.Select(id => Math.Max(8, (int)Math.Round(firstChoices[id] * (0.5 + (0.7 * _random.NextDouble())))))];
    }

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }
}
