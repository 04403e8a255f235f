using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Grains.Tests.Allocation;
using Xunit.Sdk;

namespace WebKita.Grains.Tests.Rounds;

/// <summary>
/// Random chains of what happens after a run (answers, expiry at random times, staff decisions,
/// capacity changes, late applications), each generated from a seed that a failure prints with
/// the steps so far. The round's invariants are checked after every step.
/// </summary>
public sealed class RoundChainPropertyTests
{
    private const int Steps = 60;
    private static readonly Guid[] Schools = [AllocationExamples.SchoolA, AllocationExamples.SchoolB];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        foreach (var n in Enumerable.Range(0, 150))
        {
            data.Add(20270301 + n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AfterRun_RandomChain_KeepsCapacityOffersWaitlistsAndConfirmedPlaces(int seed)
    {
        var random = new Random(seed);
        var log = new List<string>();
        try
        {
            Chain(random, log);
        }
        catch (Exception e) when (e is XunitException or InvalidOperationException or ArgumentException)
        {
            throw new XunitException($"Chain with seed {seed} failed after these steps:\n  {string.Join("\n  ", log)}\n{e.Message}", e);
        }
    }

    private static void Chain(Random random, List<string> log)
    {
        var offerings = Enumerable.Range(1, random.Next(2, 5)).Select(n => (n, Schools[random.Next(2)], random.Next(0, 4))).ToArray();
        var world = new RoundWorld(offerings);
        var next = 0;
        for (var i = random.Next(4, 16); i > 0; i--)
        {
            Submit(world, random, ++next, RoundWorld.Before);
        }

        log.Add($"{world.Applications.Count} applications to {offerings.Length} offerings (capacities {string.Join(',', offerings.Select(o => o.Item3))})");
        world.Run();
        CheckRun(world);
        var checks = new ChainChecks(world);
        var now = RoundWorld.Deadline;
        for (var step = 0; step < Steps; step++)
        {
            now = now.AddHours(random.Next(0, 72));
            var (description, withdrawn) = Step(world, random, now, ref next);
            log.Add($"{now:yyyy-MM-dd HH:mm} {description}");
            checks.After(withdrawn);
        }
    }

    /// <summary>One random operation; returns what it did and the application a family withdrew, if any.</summary>
    private static (string Description, Guid? Withdrawn) Step(RoundWorld world, Random random, DateTimeOffset now, ref int next)
    {
        RankedApplication? Pick(Func<RankedApplication, bool> where) =>
            world.Applications.Values.Where(where).OrderBy(a => a.Id).ElementAtOrDefault(random.Next(Math.Max(1, world.Applications.Values.Count(where))));
        string Did(string what, RankedApplication? application, Refusal? refusal) =>
            $"{what} {application?.Child.FirstName ?? "nobody"}{(refusal is null ? "" : $" refused: {refusal.Code}")}";

        switch (random.Next(10))
        {
            case 0 or 1:
                var offered = Pick(a => a.Status == ApplicationStatus.Offered);
                return (Did("accept", offered, offered is null ? null : world.Do(r => r.Accept(offered, now), now).Refusal), null);
            case 2:
                var declining = Pick(a => a.Status == ApplicationStatus.Offered);
                return (Did("decline", declining, declining is null ? null : world.Do(r => r.Decline(declining, now), now).Refusal), null);
            case 3:
                var leaving = Pick(a => a.Status.IsActive());
                if (leaving is not null)
                {
                    world.Do(r => r.Withdraw(leaving, now), now);
                }

                return (Did("withdraw", leaving, null), leaving?.Id);
            case 4:
                world.ExpireOffers(now);
                return ("expire due offers", null);
            case 5:
                var place = world.Round.Offerings[random.Next(world.Round.Offerings.Count)];
                var capacity = Math.Max(0, place.Capacity + random.Next(-2, 3));
                world.Do(r => r.ChangeCapacity(place.OfferingId, capacity).Value is { } resized ? new RoundChange(resized, [], []) : throw new InvalidOperationException("refused"), now);
                return ($"capacity of offering {place.OfferingId.ToString()[^2..]} {place.Capacity} -> {capacity}", null);
            case 6 or 7:
                var confirming = random.Next(4) == 0 ? Pick(_ => true) : Pick(a => a.Status == ApplicationStatus.Accepted);
                return (Did("confirm", confirming, confirming is null ? null : world.Do(r => r.Confirm(confirming, now), now).Refusal), null);
            case 8:
                var rejecting = Pick(_ => true);
                return (Did("reject", rejecting, rejecting is null ? null : world.Do(r => r.Reject(rejecting, "Unterlagen fehlen", now), now).Refusal), null);
            default:
                var late = Submit(world, random, ++next, now);
                return (Did("late application", late, null), null);
        }
    }

    private static RankedApplication Submit(RoundWorld world, Random random, int n, DateTimeOffset at)
    {
        var chosen = world.Round.Offerings.Select((_, i) => i + 1).OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, world.Round.Offerings.Count) + 1)).ToArray();
        var facts = random.Next(3) switch
        {
            0 => AllocationExamples.Employed(random.Next(1, 3)),
            1 => ApplicantFacts.None with { SingleParent = Evidence.VerifiedByStaff },
            _ => ApplicantFacts.None,
        };
        Guid? siblings = random.Next(5) == 0 ? Guid.Parse($"5b000000-0000-4000-8000-{random.Next(3):D12}") : null;
        return world.Submit(n, chosen, facts, grade: random.Next(1, 5), siblings, at);
    }

    /// <summary>Above capacity after the run only by entitled children: the run never refuses them.</summary>
    private static void CheckRun(RoundWorld world)
    {
        foreach (var offering in world.Round.Offerings)
        {
            var entitled = world.Applications.Values.Count(a =>
                a.Status.HoldsPlace() && a.OfferingId == offering.OfferingId && LegalEntitlement.Applies(a.Child.Grade, world.Round.SchoolYearStart));
            Math.Max(0, offering.Held - offering.Capacity).Should().BeLessThanOrEqualTo(entitled, $"offering {offering.OfferingId} exceeds capacity only by entitled children");
        }
    }

    /// <summary>The invariants a step must keep, against the state before it.</summary>
    private sealed class ChainChecks(RoundWorld world)
    {
        private readonly HashSet<Guid> _confirmed = [];
        private Dictionary<Guid, int> _heldBefore = world.Round.Offerings.ToDictionary(o => o.OfferingId, o => o.Held);

        public void After(Guid? withdrawn)
        {
            world.CheckInvariants();
            foreach (var offering in world.Round.Offerings)
            {
                offering.Held.Should().BeLessThanOrEqualTo(
                    Math.Max(offering.Capacity, _heldBefore[offering.OfferingId]),
                    $"offering {offering.OfferingId} is offered no place above capacity after the run (entitled overflow and a lowered capacity only keep theirs)");
                (offering.FreePlaces == 0 || offering.Waitlist.Count == 0).Should().BeTrue($"a free place at {offering.OfferingId} goes to its waitlist at once");
                WaitlistKeys(offering).Should().BeInAscendingOrder($"the waitlist of {offering.OfferingId} is in rank order, late applications after in arrival order");
            }

            var waiting = world.Round.Offerings.SelectMany(o => o.Waitlist).ToHashSet();
            foreach (var application in world.Applications.Values.Where(a => a.Status.HoldsPlace()))
            {
                application.Preferences.Should().Contain(application.OfferingId!.Value, "a child is offered only what it asked for");
                waiting.Should().NotContain(application.Id, "a child with an offer or place waits nowhere (one offer at a time)");
            }

            world.Applications.Values.Where(a => a.Status == ApplicationStatus.Offered && a.OfferExpiresAt == null).Should().BeEmpty("an offer says until when");
            foreach (var id in _confirmed)
            {
                world.Applications[id].Status.Should().Be(id == withdrawn ? ApplicationStatus.Withdrawn : ApplicationStatus.Confirmed, "a confirmed place is a contract");
            }

            _confirmed.UnionWith(world.Applications.Values.Where(a => a.Status == ApplicationStatus.Confirmed).Select(a => a.Id));
            _confirmed.RemoveWhere(id => world.Applications[id].Status != ApplicationStatus.Confirmed);
            _heldBefore = world.Round.Offerings.ToDictionary(o => o.OfferingId, o => o.Held);
        }

        private IEnumerable<(int, long)> WaitlistKeys(RoundOffering offering) => offering.Waitlist.Select(id => world.Applications[id]).Select(a =>
            world.Round.Explain(a)?.Offerings.Single(s => s.OfferingId == offering.OfferingId) is { } standing ? (0, (long)standing.Rank) : (1, a.Arrival));
    }
}
