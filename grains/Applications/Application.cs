using System.Security.Cryptography;
using System.Text;
using WebKita.Grains.Common;

namespace WebKita.Grains.Applications;

/// <summary>
/// A family's request for one child in one offering. <see cref="FamilyId"/> is the account it
/// belongs to (null for a paper application staff entered without an account). Its changes are decided together with its
/// offering (the offering owns the places), so the silo commits both in one transaction.
/// </summary>
/// <param name="OfferExpiresAt">While <see cref="ApplicationStatus.Offered"/>: until when the family may accept; kept after expiry, so the family sees when it lapsed.</param>
/// <param name="Reason">Why staff rejected it; shown to the family.</param>
[GenerateSerializer, Immutable, Alias("webkita.Application")]
public sealed record Application(
    TenantId Tenant,
    Guid Id,
    Guid OfferingId,
    Child Child,
    ApplicationStatus Status,
    long Arrival,
    DateTimeOffset SubmittedAt,
    DateTimeOffset ChangedAt,
    Guid? FamilyId = null,
    DateTimeOffset? OfferExpiresAt = null,
    string? Reason = null)
{
    /// <summary>
    /// An application's id is derived from tenant, offering and child, so "one application per
    /// child and offering" holds even for requests that reach different processes at once: they
    /// name the same row, and the store's primary key refuses a second one.
    /// </summary>
    public static Guid IdFor(TenantId tenant, Guid offeringId, Child child)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{tenant.Value}/{offeringId:N}/{child.Key}"));
        var guid = bytes.AsSpan(0, 16).ToArray();
        guid[7] = (byte)((guid[7] & 0x0F) | 0x50); // name-based (version 5 layout)
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        return new Guid(guid);
    }

    public const string ErasedName = "(gelöscht)";

    /// <summary>
    /// Removes what identifies the child and keeps what statistics need (grade, birth year,
    /// status, times). Only an application that holds, is offered or waits for no place can be
    /// erased (<see cref="ApplicationStatuses.IsActive"/>). The
    /// link to the family goes too: an account's id comes from its e-mail, so a new account with
    /// that e-mail would otherwise inherit the application, and another parent could never apply.
    /// </summary>
    public Outcome<Application> ErasePersonalData(DateTimeOffset now) => Status.IsActive()
        ? new Refusal("application.active", $"Application {Id} is {Status}; withdraw it before erasing it.")
        : Outcome<Application>.Done(Forget(now));

    /// <summary>
    /// What <see cref="ErasePersonalData"/> keeps, whatever the status: for the yearly retention run,
    /// which decides itself which applications are over.
    /// </summary>
    public Application Forget(DateTimeOffset now) => this with { Child = Child.Erased(), ChangedAt = now, FamilyId = null };

    /// <summary>Forgotten already: nothing identifies the child or the family.</summary>
    public bool IsForgotten => Child == Child.Erased() && FamilyId is null;

    public DomainEvent Event(string type, DateTimeOffset at, int? waitlistPosition = null)
    {
        var data = new Dictionary<string, string>
        {
            ["offeringId"] = OfferingId.ToString(),
            ["status"] = Status.ToString(),
        };
        if (waitlistPosition is { } position)
        {
            data["waitlistPosition"] = position.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (OfferExpiresAt is { } expires && Status == ApplicationStatus.Offered)
        {
            data["offerExpiresAt"] = expires.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Reason is not null)
        {
            data["reason"] = Reason;
        }

        return new DomainEvent(type, Id, at, data);
    }
}
