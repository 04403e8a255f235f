using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using WebKita.Grains.Allocation;
using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Rounds;

/// <summary>
/// A child's application to an allocation round with ranked preferences. Its changes are decided
/// by the round (the round owns the places of all its offerings), so the silo commits both in one
/// transaction. <see cref="OfferingId"/> is the offering whose place it was offered or holds.
/// <see cref="Ranking"/> is what the run recorded; <see cref="AllocationRound.Explain"/> turns it
/// into the explanation the family sees.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.RankedApplication")]
public sealed record RankedApplication(
    TenantId Tenant,
    Guid Id,
    Guid RoundId,
    Child Child,
    ImmutableList<Guid> Preferences,
    ApplicantFacts Facts,
    Guid? SiblingGroupId,
    Guid? FamilyId,
    ApplicationStatus Status,
    long Arrival,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ChangedAt,
    Guid? OfferingId = null,
    DateTimeOffset? OfferExpiresAt = null,
    string? Reason = null,
    RunRanking? Ranking = null)
{
    /// <summary>One application per child and round, whichever process or device sends it.</summary>
    public static Guid IdFor(TenantId tenant, Guid roundId, Child child)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}/round/{roundId:N}/{child.Key}"));
        var guid = bytes.AsSpan(0, 16).ToArray();
        guid[7] = (byte)((guid[7] & 0x0F) | 0x50);
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid);
    }

    /// <summary>
    /// Removes what identifies the child and the link to the family, as <see cref="Application.ErasePersonalData"/>
    /// does; keeps grade, birth year, status, times, the claims the points were given for and the
    /// explanation, because a published run must stay recomputable for every other family (its
    /// lottery numbers come from the application id, not from the child's name). Only an application
    /// that holds or waits for no place can be erased.
    /// </summary>
    public Outcome<RankedApplication> ErasePersonalData(DateTimeOffset now) => Status.IsActive()
        ? new Refusal("application.active", $"Application {Id} is {Status}; withdraw it before erasing it.")
        : Outcome<RankedApplication>.Done(Forget(now));

    /// <summary>What <see cref="ErasePersonalData"/> keeps, whatever the status: for the yearly retention run.</summary>
    public RankedApplication Forget(DateTimeOffset now) => this with { Child = Child.Erased(), FamilyId = null, ChangedAt = now };

    /// <summary>Forgotten already: nothing identifies the child or the family.</summary>
    public bool IsForgotten => Child == Child.Erased() && FamilyId is null;

    /// <summary>A status change meant for the family (delivered by e-mail later); carries what the family must know.</summary>
    public DomainEvent Event(string type, DateTimeOffset at, int? waitlistPosition = null)
    {
        var data = new Dictionary<string, string>
        {
            ["roundId"] = RoundId.ToString(),
            ["status"] = Status.ToString(),
        };
        if (OfferingId is { } offering)
        {
            data["offeringId"] = offering.ToString();
        }

        if (OfferExpiresAt is { } expires && Status == ApplicationStatus.Offered)
        {
            data["offerExpiresAt"] = expires.ToString("O", CultureInfo.InvariantCulture);
        }

        if (Reason is not null)
        {
            data["reason"] = Reason;
        }

        if (waitlistPosition is { } position)
        {
            data["waitlistPosition"] = position.ToString(CultureInfo.InvariantCulture);
        }

        if (FamilyId is { } family)
        {
            data["familyId"] = family.ToString();
        }

        return new DomainEvent(type, Id, at, data);
    }
}
