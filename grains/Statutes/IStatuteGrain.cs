using WebKita.Grains.Allocation;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Statutes;

/// <summary>
/// A tenant's statute, keyed by the tenant. One grain per tenant, so concurrent amendments get
/// consecutive versions. Amend is idempotent (see <see cref="Statute.Amend"/>).
/// </summary>
[Alias("webkita.IStatuteGrain")]
public interface IStatuteGrain : IGrainWithStringKey
{
    [Alias("Amend")]
    Task<Outcome<Statute>> AmendAsync(IReadOnlyList<CriterionRule> criteria, GradeRange priorityGrades, Guid enactedBy, ChangedBy? by);

    [Alias("Find")]
    Task<Statute?> FindAsync();
}
