using WebKita.Grains.Applications;

namespace WebKita.Silo.Mail;

/// <summary>What a family mail needs of an application, first come first served or in a round alike.</summary>
public sealed record FamilyApplication(Guid Id, Guid? FamilyId, string ChildFirstName, Guid? OfferingId, ApplicationStatus Status, DateTimeOffset? OfferExpiresAt);
