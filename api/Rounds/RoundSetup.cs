using System.Security.Cryptography;
using WebKita.Api.Accounts;
using WebKita.Grains.Accounts;
using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;
using WebKita.Silo.Statutes;

namespace WebKita.Api.Rounds;

/// <summary>
/// Creating a round and its dry runs, for the JSON endpoints and the county's pages alike. Field
/// errors come back keyed by the JSON field names; the round's turn decides everything else.
/// </summary>
public sealed class RoundSetup(RoundDirectory rounds, RegistrationDirectory registration, StatuteDirectory statutes)
{
    public const int MaxSeedLength = 200;

    /// <summary>The round takes its offerings' capacities and grades as they are now; from here on the round owns their places.</summary>
    public async Task<RoundSetupResult<AllocationRound>> CreateAsync(Caller caller, RoundRequest request, CancellationToken cancellationToken)
    {
        if (request is not { Title: { } title, SchoolYearStart: { } year, Deadline: { } deadline, OfferingIds: { } offeringIds })
        {
            return RoundSetupResult<AllocationRound>.Invalid("round", "needs title, schoolYearStart, deadline and offeringIds");
        }

        if (await statutes.FindAsync(caller.Tenant, cancellationToken) is null)
        {
            return new(default, new Refusal("statute.not_found", "Enact the county's statute first: a round is ranked by it."), RoundSetupResult<AllocationRound>.NoErrors);
        }

        var places = new List<RoundTerms.Place>();
        foreach (var (offeringId, index) in offeringIds.Distinct().Select((id, i) => (id, i)))
        {
            var offering = await registration.FindOfferingAsync(caller.Tenant, offeringId, cancellationToken);
            if (offering is not { Terms.Mode: AllocationMode.CriteriaAtDeadline })
            {
                return RoundSetupResult<AllocationRound>.Invalid($"offeringIds[{index}]", "must be an offering of this tenant allocated by criteria at a deadline");
            }

            places.Add(new(offeringId, offering.Terms.SchoolId, offering.Terms.Grades, offering.Terms.Capacity));
        }

        var terms = new RoundTerms(title, year, deadline, request.OfferDays ?? 7, places);
        var reply = await rounds.SendAsync(caller.Tenant, Guid.CreateVersion7(), new CreateRound(terms) { By = caller.ToActor() }, cancellationToken);
        return new(reply.Round, reply.Refusal, RoundSetupResult<AllocationRound>.NoErrors);
    }

    /// <summary>
    /// A dry run changes nothing. Without a seed a fresh one is drawn and returned, so the dry run
    /// itself can be repeated. Null when the caller may not see the round (staff of none of its schools).
    /// </summary>
    public async Task<RoundSetupResult<AllocationResult>?> SimulateAsync(Caller caller, Guid roundId, string? seed, int? rulesVersion, CancellationToken cancellationToken)
    {
        if (await rounds.FindRoundAsync(caller.Tenant, roundId, cancellationToken) is not { } round
            || (caller.Role != Role.CountyAdmin && !round.Offerings.Any(o => caller.ManagesSchool(caller.Tenant.Value, o.SchoolId))))
        {
            return null;
        }

        var chosen = string.IsNullOrWhiteSpace(seed) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : seed.Trim();
        if (chosen.Length > MaxSeedLength)
        {
            return RoundSetupResult<AllocationResult>.Invalid("seed", $"must be at most {MaxSeedLength} characters");
        }

        var result = await rounds.SimulateAsync(caller.Tenant, roundId, chosen, rulesVersion, cancellationToken);
        return new(result.Value, result.Refusal, RoundSetupResult<AllocationResult>.NoErrors);
    }
}
