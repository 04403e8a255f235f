using WebKita.Grains.Accounts;

namespace WebKita.Silo.Runtime;

/// <summary>Who asked for a change: the signed-in account, the role it acted in, and for staff their schools.</summary>
[GenerateSerializer, Immutable, Alias("webkita.Actor")]
public sealed record Actor(Guid AccountId, Role Role, IReadOnlySet<Guid>? Schools = null)
{
    /// <summary>Staff and admin actions are audited; a family's own actions are its own business.</summary>
    public bool IsAudited => Role is not Role.Family;

    /// <summary>What an Orleans grain audits of this actor: nothing for a family.</summary>
    public Grains.Common.ChangedBy? ChangedBy(string? reason = null) => IsAudited ? new(AccountId, Role.ToString(), reason) : null;

    /// <summary>
    /// Checked inside the offering's turn, where the offering's school is at hand, so that the
    /// hot submission path needs no extra read.
    /// </summary>
    public bool MayActAt(Guid schoolId) => Role switch
    {
        Role.CountyAdmin or Role.Family => true,
        Role.SchoolStaff => Schools?.Contains(schoolId) == true,
        _ => false,
    };

    /// <summary>Families act only on their own applications; staff on their schools'; admins on all.</summary>
    public bool MayActOn(Grains.Applications.Application application, Guid schoolId) =>
        Role == Role.Family ? application.FamilyId == AccountId : MayActAt(schoolId);

    /// <summary>
    /// An offer is the family's to answer; staff and admins answer only for a paper application,
    /// which has no account to answer from. Checked after <see cref="MayActOn"/>.
    /// </summary>
    public bool MayAnswerOfferOf(Guid? familyId) => Role == Role.Family ? familyId == AccountId : familyId is null;

    public static readonly Grains.Common.Refusal OfferIsTheFamilys =
        new("offer.answered_by_family", "The family answers this offer in its own account; staff answer only for paper applications.");
}
